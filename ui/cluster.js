// Cluster mode (issue 27): which node serves this page, which nodes are alive and who owns each
// channel. GET /api/cluster is asked once at start; in single-node mode that is all (nothing on
// screen changes). In cluster mode the server pushes the same answer every 2 s as a `cluster`
// message on /ws (store.js keeps it): polling would count as activity and keep an unattended
// dashboard's login session alive for ever.

import { api } from './api.js';
import { store, setCluster, subscribe } from './store.js';
import { h, setText, setAttr } from './dom.js';

/** Until the server first answers (it may be down when the page loads), asked again this often. */
const RETRY_MS = 2000;

let clustered = false;
/** The header's slot; its data-mode says which mode the server answered (tests wait for it). */
let header = null;

/** Asks for the mode; the header element `slot` shows the node and the alive nodes in cluster mode. */
export function watchCluster(slot) {
  header = slot;
  const node = h('strong', { 'data-cluster': 'node' });
  const lease = h('span', { class: 'cluster__lapsed', 'data-cluster': 'lease', hidden: true },
    h('span', { 'aria-hidden': 'true' }, '! '), 'lease lapsed: this node runs no channel');
  const alive = h('span', { class: 'cluster__alive', 'data-cluster': 'alive' });
  slot.replaceChildren(h('span', { class: 'visually-hidden' }, 'Cluster: '), 'Node ', node, ' ', lease, alive);
  subscribe((reason) => {
    if (reason.type !== 'cluster' || !store.cluster) return;
    const { node: here, nodes = [], leaseValid } = store.cluster;
    slot.hidden = false;
    setText(node, here);
    lease.hidden = leaseValid !== false;
    setText(alive, ` · alive: ${nodes.length ? nodes.join(', ') : 'none'}`);
    setAttr(slot, 'title', `This dashboard is served by ${here}. Nodes alive in the cluster: ${nodes.join(', ') || 'none'}.`);
  });
  ask();
}

/** Asks now, after a move or a change of allowed nodes, so the page follows before the next push. */
export function refreshCluster() {
  if (clustered) ask({ retry: false });
}

async function ask({ retry = true } = {}) {
  try {
    const answer = await api.get('/api/cluster');
    header?.setAttribute('data-mode', answer?.mode ?? 'unknown');
    if (answer?.mode !== 'cluster') return; // single-node mode: never asked again
    clustered = true;
    setCluster(answer);
  } catch (unreachable) {
    // the live connection shows the outage
    if (retry && !clustered) setTimeout(ask, RETRY_MS);
  }
}

// Cluster mode (issue 27): which node serves this page, which nodes are alive and who owns each
// channel. GET /api/cluster is asked once at start; in single-node mode that is all (nothing on
// screen changes), in cluster mode it is polled every 2 s beside the live feed, whose snapshots
// come from this node only and so cannot say who owns what.

import { api } from './api.js';
import { store, setCluster, subscribe } from './store.js';
import { h, setText, setAttr } from './dom.js';

const POLL_MS = 2000;

let timer = null;
let clustered = false;
/** The header's slot; its data-mode says which mode the server answered (tests wait for it). */
let header = null;

/** Starts watching; the header element `slot` shows the node and the alive nodes in cluster mode. */
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
  poll();
}

/** Asks now (after a move, so the page follows sooner), then every 2 s again. */
export function refreshCluster() {
  if (clustered) poll();
}

async function poll() {
  clearTimeout(timer);
  try {
    const answer = await api.get('/api/cluster');
    header?.setAttribute('data-mode', answer?.mode ?? 'unknown');
    if (answer?.mode !== 'cluster') return; // single-node mode: never asked again
    clustered = true;
    setCluster(answer);
  } catch (unreachable) {
    // the live connection shows the outage; the owners shown stay until the next answer
  }
  timer = setTimeout(poll, POLL_MS);
}

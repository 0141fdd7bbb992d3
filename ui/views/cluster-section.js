// A channel's place in the cluster (issue 27): which node owns it, which nodes are in its
// election and which may own it; for operators the move and the allowed-nodes editor.
// Hidden in single-node mode, where every channel runs on the one server.

import { h, setText } from '../dom.js';
import { store, clusterChannel } from '../store.js';
import { ownerBadge, ownership } from '../components/owner-badge.js';
import { moveControl } from './move-control.js';
import { allowedNodesEditor } from './allowed-nodes.js';

export function clusterSection(id, user) {
  const owner = ownerBadge();
  const candidates = h('dd', { 'data-stat': 'candidates' });
  const allowed = h('dd', { 'data-stat': 'allowedNodes' });
  const note = h('p', { class: 'muted small', 'data-stat': 'ownerNote' });
  let move = null;
  let editor = null;
  const el = h('section', { class: 'card', 'aria-labelledby': 'cluster-title', 'data-section': 'cluster', hidden: true },
    h('h2', { id: 'cluster-title' }, 'Cluster'),
    h('dl', { class: 'stats' },
      h('div', { class: 'stat' }, h('dt', {}, 'Owner'), h('dd', { 'data-stat': 'owner' }, owner)),
      h('div', { class: 'stat' }, h('dt', { title: 'The nodes alive and allowed to own it: one of them is elected' }, 'In its election'), candidates),
      h('div', { class: 'stat' }, h('dt', {}, 'Allowed nodes'), allowed)),
    note);

  return {
    el,
    update() {
      const cluster = store.cluster;
      el.hidden = !cluster;
      if (!cluster) return;
      if (user.canChange && !move) { // made in cluster mode only: single-node pages have no such controls
        move = moveControl(id);
        editor = allowedNodesEditor(id);
        el.append(move.el, editor.el);
      }
      const entry = clusterChannel(id);
      owner.update(entry, cluster);
      // a node outside the channel's election does not see it ([]): the owner's node does
      setText(candidates, entry?.candidates?.length ? entry.candidates.join(', ') : '– (this node is not in it)');
      setText(allowed, entry?.allowedNodes?.length ? entry.allowedNodes.map((node) => withInput(node, entry.inputs)).join(', ') : 'any node');
      setText(note, ownerNote(entry, cluster));
      move?.update(entry);
      editor?.update(entry, cluster.nodes || []);
    },
  };
}

/** "node1 (primary input)" when the node receives one input of the channel only (MediaLive pipeline A or B). */
function withInput(node, inputs) {
  return inputs?.[node] ? `${node} (${inputs[node]} input)` : node;
}

function ownerNote(entry, cluster) {
  const here = cluster.node;
  const known = ownership(entry, cluster.nodes);
  if (known === 'unknown') return '';
  if (known === 'none') return 'No node owns this channel now: none of the nodes allowed to own it is alive, or the election is under way.';
  if (known === 'unseen') return `This node (${here}) is not allowed to own the channel and does not follow its election: an allowed node's dashboard shows its owner.`;
  if (entry.owner === here) return `This node (${here}) runs the channel: the figures on this page are live.`;
  return `${entry.owner} runs the channel; on this node (${here}) it is stopped. Its live figures are on ${entry.owner}'s dashboard.`;
}

// Which node runs a channel in cluster mode, as a word and a shape like the state badges:
// "node2", "node2 (this node)", "no owner" in the warning colour while no node is elected
// (every node allowed for it is down, or the election is under way), or "not seen here" when
// this node cannot tell (outside the channel's election, and ZooKeeper did not answer).

import { h, setText, setAttr } from '../dom.js';

/**
 * What a node knows of a channel's owner from its entry in GET /api/cluster:
 * "owned" (entry.owner), "none" (no node elected), "unseen" (this node is not in the
 * election) or "unknown" (no entry yet).
 */
export function ownership(entry, alive = []) {
  if (!entry) return 'unknown';
  if (entry.owner) return 'owned';
  if (entry.candidates?.length) return 'none';
  const allowed = entry.allowedNodes || [];
  // outside the election this node cannot see an owner, but it can see that no allowed node is alive
  return allowed.length && !allowed.some((node) => alive.includes(node)) ? 'none' : 'unseen';
}

const WORDS = { none: 'no owner', unseen: 'not seen here', unknown: '–' };
const ICONS = { owned: '●', none: '!', unseen: '?', unknown: '' };
const TITLES = {
  none: 'No node runs this channel: none of the nodes allowed to own it is alive, or the election is under way',
  unseen: 'This node is not allowed to own the channel, so it does not follow its election: the dashboard of an allowed node shows the owner',
};

/** `badge.update(entry, cluster)`: entry is the channel's item of GET /api/cluster, cluster the whole answer. */
export function ownerBadge() {
  const icon = h('span', { class: 'owner__icon', 'aria-hidden': 'true' });
  const word = h('span', { class: 'owner__word' });
  const note = h('span', { class: 'muted small' });
  const badge = h('span', { class: 'owner' }, icon, word, note);
  badge.update = (entry, cluster) => {
    const known = ownership(entry, cluster?.nodes);
    badge.className = `owner owner--${known}`;
    setAttr(badge, 'data-ownership', known);
    setAttr(badge, 'data-owner', known === 'owned' ? entry.owner : null);
    setAttr(badge, 'title', TITLES[known] ?? null);
    setText(icon, ICONS[known]);
    setText(word, known === 'owned' ? entry.owner : WORDS[known]);
    setText(note, known === 'owned' && entry.owner === cluster?.node ? ' (this node)' : '');
  };
  return badge;
}

// "Move to…": hands a channel to another node of its election (POST /api/channels/{id}/owner).
// The owner stops the channel and the chosen node starts it, so its outputs pause briefly:
// it asks first, then says "Moving" until GET /api/cluster shows the new owner.

import { h, setText, setAttr, syncList } from '../dom.js';
import { api, channelPath } from '../api.js';
import { confirmAction } from '../components/confirm.js';
import { toast, announce } from '../components/notify.js';
import { refreshCluster } from '../cluster.js';

/** After this long without the new owner, the page says it is still waiting. */
const SLOW_MOVE_MS = 20000;

export function moveControl(id) {
  const select = h('select', { id: `move-to-${id}`, name: 'node', 'aria-describedby': `move-hint-${id}` });
  const button = h('button', { type: 'submit', class: 'btn', 'data-action': 'move' }, 'Move');
  const hint = h('p', { id: `move-hint-${id}`, class: 'field__hint' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const status = h('p', { class: 'small', role: 'status', 'data-stat': 'moving' });
  const form = h('form', { class: 'move', 'data-form': 'move', novalidate: true },
    h('div', { class: 'field move__field' },
      h('label', { for: select.id }, 'Move to…'),
      h('div', { class: 'move__row' }, select, button),
      hint),
    error, status);
  let entry = null;
  let pending = null;
  select.addEventListener('change', () => { error.hidden = true; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const target = select.value;
    if (!target || !entry) return;
    const sure = await confirmAction({
      title: `Move channel ${id} to ${target}?`,
      message: `${entry.owner ?? 'Its owner'} stops the channel and ${target} starts it: its outputs pause for a moment, then send from ${target}.`,
      confirmLabel: `Move to ${target}`,
      danger: false,
    });
    if (!sure) return;
    button.disabled = true;
    error.hidden = true;
    try {
      await api.post(channelPath(id, 'owner'), { node: target });
      pending = { node: target, since: Date.now() };
      toast(`Channel ${id}: moving to ${target}.`);
      refreshCluster();
    } catch (refused) {
      setText(error, `Could not move the channel: ${refused.message}`);
      error.hidden = false;
    } finally {
      button.disabled = false;
      update(entry);
    }
  });

  function update(next) {
    entry = next ?? null;
    const others = (entry?.candidates || []).filter((node) => node !== entry.owner);
    syncList(select, others, (node) => node, (node) => h('option', { value: node }, node));
    select.disabled = others.length === 0;
    button.disabled = others.length === 0;
    setText(hint, others.length
      ? 'The owner stops the channel and the node you choose starts it. Only nodes in its election are offered.'
      : entry?.candidates?.length
        ? 'No other node can take it now: only nodes alive and allowed to own the channel are in its election.'
        : 'This node is not in the channel\'s election: move it from the dashboard of a node allowed to own it.');
    if (pending && entry?.owner === pending.node) {
      announce(`Channel ${id} moved to ${pending.node}.`);
      setText(status, `Moved to ${pending.node}.`);
      pending = null;
    } else if (pending) {
      const slow = Date.now() - pending.since > SLOW_MOVE_MS;
      setText(status, slow ? `Still waiting for ${pending.node} to take the channel.` : `Moving to ${pending.node}…`);
    }
    setAttr(status, 'data-pending', pending ? pending.node : null);
  }

  return { el: form, update };
}

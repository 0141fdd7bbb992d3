// Which nodes may own a channel (PUT /api/channels/{id}/nodes): any node, or only those ticked,
// e.g. the nodes its input reaches. Folded away until asked for (it is set once, not watched).
// Live updates redraw it only while nothing is being edited, so a half-made choice survives the
// 2 s refresh.

import { h, setText, syncList } from '../dom.js';
import { api, channelPath } from '../api.js';
import { toast } from '../components/notify.js';
import { refreshCluster } from '../cluster.js';

export function allowedNodesEditor(id) {
  const any = h('input', { type: 'radio', name: `allowed-${id}`, id: `allowed-any-${id}`, value: 'any' });
  const only = h('input', { type: 'radio', name: `allowed-${id}`, id: `allowed-only-${id}`, value: 'only' });
  const boxes = h('div', { class: 'allowed__nodes', role: 'group', 'aria-label': 'Nodes allowed' });
  const save = h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'save-allowed-nodes' }, 'Save allowed nodes');
  const cancel = h('button', { type: 'button', class: 'btn', 'data-action': 'reset-allowed-nodes', hidden: true }, 'Undo changes');
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = h('form', { 'data-form': 'allowed-nodes', novalidate: true },
    h('fieldset', { class: 'inputs' },
      h('legend', {}, 'Nodes allowed to own this channel'),
      h('p', { class: 'field__hint' },
        'A node not allowed leaves the channel\'s election: if it runs the channel now, it stops it and an allowed node '
        + 'takes over. Limit a channel to the nodes its input reaches (MediaLive sends to one address). '
        + 'A node that is down is listed once allowed; with only nodes that are down, no node runs the channel.'),
      h('div', { class: 'field field--check' }, any, h('label', { for: any.id }, 'Any node in the cluster')),
      h('div', { class: 'field field--check' }, only, h('label', { for: only.id }, 'Only these nodes:')),
      boxes),
    error,
    h('div', { class: 'form__actions' }, save, cancel));
  let dirty = false;
  let entry = null;
  let nodes = [];

  const checkboxes = () => [...boxes.querySelectorAll('input[type="checkbox"]')];
  function edited() {
    dirty = true;
    cancel.hidden = false;
    for (const box of checkboxes()) box.disabled = any.checked;
  }
  any.addEventListener('change', edited);
  only.addEventListener('change', edited);
  boxes.addEventListener('change', edited);
  cancel.addEventListener('click', () => {
    dirty = false;
    error.hidden = true;
    show();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = any.checked ? [] : checkboxes().filter((box) => box.checked).map((box) => box.value);
    if (only.checked && chosen.length === 0) {
      setText(error, 'Tick at least one node, or choose "Any node in the cluster".');
      error.hidden = false;
      return;
    }
    save.disabled = true;
    error.hidden = true;
    try {
      // the input each node receives (set through the API) stays with the nodes that stay allowed
      const inputs = Object.fromEntries(Object.entries(entry?.inputs || {}).filter(([node]) => chosen.includes(node)));
      await api.put(channelPath(id, 'nodes'), { nodes: chosen, inputs });
      dirty = false;
      if (entry) entry = { ...entry, allowedNodes: chosen, inputs };
      show();
      toast(`Channel ${id}: ${chosen.length ? `only ${chosen.join(', ')} may own it` : 'any node may own it'}.`);
      refreshCluster();
    } catch (refused) {
      setText(error, `Could not save the allowed nodes: ${refused.message}`);
      error.hidden = false;
    } finally {
      save.disabled = false;
    }
  });

  /** Checkboxes for the alive nodes and the allowed ones; their ticks follow the server unless edited. */
  function show() {
    const allowed = entry?.allowedNodes || [];
    const listed = [...new Set([...nodes, ...allowed])].sort();
    syncList(boxes, listed, (node) => node, (node) => {
      const box = h('input', { type: 'checkbox', id: `allowed-${id}-${node}`, value: node });
      const label = h('label', { for: box.id });
      const el = h('div', { class: 'field field--check' }, box, label);
      el.update = () => setText(label, nodes.includes(node) ? node : `${node} (not alive)`);
      return el;
    });
    if (dirty) return;
    cancel.hidden = true;
    any.checked = allowed.length === 0;
    only.checked = allowed.length > 0;
    for (const box of checkboxes()) {
      box.checked = allowed.includes(box.value);
      box.disabled = any.checked;
    }
  }

  return {
    el: h('details', { class: 'more allowed' }, h('summary', { 'data-action': 'open-allowed-nodes' }, 'Change the allowed nodes'), form),
    update(next, alive) {
      entry = next ?? null;
      nodes = alive;
      show();
    },
  };
}

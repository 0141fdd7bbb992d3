// The channel form, to create a channel or edit one: what to call it, its input (RTP/UDP or
// SRT), and optionally MediaLive's second pipeline with its failover policy. Editing starts
// from the channel as the API shows it (SRT passphrases as ***) and sends back the whole
// definition: the API replaces name, inputs and failover policy with the body.

import { h } from '../dom.js';
import { api, channelPath } from '../api.js';
import { field, checkbox, validateAll, formError } from '../components/field.js';
import { checkId, checkName } from '../validate.js';
import { inputFields } from './input-fields.js';
import { backupFields } from './backup-fields.js';

/**
 * `channel`: the channel to edit, or absent to create one. `onSaved(channel)` after the
 * server accepted it; `onCancel()` when closed unsaved.
 */
export function channelForm({ channel = null, onSaved, onCancel }) {
  const editing = Boolean(channel);
  const titleId = editing ? 'edit-channel-title' : 'new-channel-title';
  const name = field({ label: 'Name', name: 'name', placeholder: 'News HD', check: checkName,
    hint: 'Shown on the dashboard.' });
  const id = field({ label: 'Id', name: 'id', placeholder: 'made from the name', readonly: editing,
    hint: editing ? 'Cannot be changed.' : 'Optional: a-z, 0-9 and "-". Used in URLs and logs; cannot be changed later.',
    check: (v) => checkId(v, 'Channel') });
  const primary = inputFields({ label: 'Input' });
  const backup = backupFields();
  const start = checkbox({ label: 'Start receiving now', name: 'started', checked: true });
  name.reset(channel?.name ?? '');
  id.reset(channel?.id ?? '');
  primary.fill(channel?.input);
  backup.fill(channel);

  const error = formError();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, editing ? 'Save changes' : 'Create channel');
  const cancel = h('button', { type: 'button', class: 'btn' }, 'Cancel');
  const form = h('form', { class: 'form card', 'aria-labelledby': titleId, 'data-form': 'channel', novalidate: true },
    h('h2', { id: titleId }, editing ? `Edit channel ${channel.name || channel.id}` : 'New channel'),
    h('div', { class: 'form__grid' }, name.wrapper, id.wrapper),
    primary.el,
    backup.el,
    editing ? null : start.wrapper,
    error.el,
    h('div', { class: 'form__actions' }, submit, cancel));

  cancel.addEventListener('click', () => onCancel());
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onCancel();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    if (!validateAll([name, id, ...primary.fields(), ...backup.fields()])) {
      if (primary.wrongInMore()) primary.more.open = true;
      if (backup.wrongInMore()) backup.openMore();
      return;
    }
    const { backupInput, failover } = backup.value();
    const body = { name: name.value || null, input: primary.value() };
    if (backupInput) Object.assign(body, { backupInput, failover });
    submit.disabled = true;
    try {
      if (editing) {
        onSaved(await api.put(channelPath(channel.id), body));
      } else {
        if (id.value) body.id = id.value;
        body.started = start.value;
        onSaved(await api.post('/api/channels', body));
      }
    } catch (refused) {
      error.show(refused.message);
    } finally {
      submit.disabled = false;
    }
  });
  form.focusFirst = () => name.input.focus();
  return form;
}

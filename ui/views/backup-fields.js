// The optional second input of the channel form (MediaLive's pipeline B) and when to fail
// over to it. Unticking the box removes the backup input from the channel on save: the API
// replaces a channel's redundancy with what the body says, and no backupInput means none.

import { h } from '../dom.js';
import { field, checkbox, choice } from '../components/field.js';
import { checkDuration } from '../validate.js';
import { inputFields } from './input-fields.js';

export function backupFields() {
  const enabled = checkbox({ label: 'Second pipeline (MediaLive pipeline B)', name: 'backup',
    hint: 'A backup input for the same programme: the outputs switch to it when the primary stops or sends garbage, '
      + 'between two datagrams, without restarting.' });
  const input = inputFields({ prefix: 'backup-', label: 'Backup input (pipeline B)' });
  const after = field({ label: 'Fail over after', name: 'after', placeholder: '300ms',
    hint: 'How long the active input may send no MPEG-TS before the other takes over: 50ms to 10s.',
    check: (v) => checkDuration(v, 'Fail over after', 50, 10_000, '50ms and 10s') });
  const revert = choice({ label: 'Back to the primary', name: 'revert',
    options: [['auto', 'automatically (auto)'], ['manual', 'by an operator (manual)']],
    hint: 'auto: once the primary has been healthy for the time below; manual: stay on the backup until switched.' });
  const revertAfter = field({ label: 'Back after', name: 'revertAfter', placeholder: '10s',
    hint: 'With auto: how long the primary must be healthy first, 1s to 1h.',
    check: (v) => checkDuration(v, 'Back after', 1000, 3_600_000, '1s and 1h') });
  const policy = h('fieldset', { class: 'inputs' }, h('legend', {}, 'Failover'),
    h('div', { class: 'form__grid' }, after.wrapper, revert.wrapper, revertAfter.wrapper));
  const part = h('div', { hidden: true }, input.el, policy);
  const el = h('div', { class: 'backup' }, enabled.wrapper, part);

  const show = () => {
    part.hidden = !enabled.value;
    // only an automatic return waits for it; manual keeps the stored value unseen
    revertAfter.wrapper.hidden = revert.value !== 'auto';
  };
  enabled.input.addEventListener('change', show);
  revert.input.addEventListener('change', show);

  return {
    el,
    fields: () => (enabled.value ? [...input.fields(), after, revertAfter] : []),
    wrongInMore: () => enabled.value && input.wrongInMore(),
    openMore: () => {
      input.more.open = true;
    },
    /** backupInput and failover as the API takes them; both null without a backup. */
    value() {
      if (!enabled.value) return { backupInput: null, failover: null };
      return {
        backupInput: input.value(),
        failover: { after: after.value || null, revert: revert.value, revertAfter: revertAfter.value || null },
      };
    },
    /** Starts from a stored channel (its backupInput masked by the API, and its policy). */
    fill(channel) {
      enabled.input.checked = Boolean(channel?.backupInput);
      input.fill(channel?.backupInput);
      after.reset(channel?.failover?.after ?? '');
      revert.input.value = channel?.failover?.revert ?? 'auto';
      revertAfter.reset(channel?.failover?.revertAfter ?? '');
      show();
    },
  };
}

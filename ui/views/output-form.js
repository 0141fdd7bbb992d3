// Adds an output to a channel, or edits one. Checks as the operator types; what the server
// refuses is shown in its own words. Secrets are never kept: the form starts from the masked
// URL the API returns, *** keeps the stored secret, and the field is emptied after saving.

import { h, setText } from '../dom.js';
import { api, channelPath } from '../api.js';
import { field, checkbox, validateAll, formError } from '../components/field.js';
import { checkId, checkName, checkUrl, checkAudio, protocolOf, schemeOf, BUILT_IN_SCHEMES } from '../validate.js';
import { loadOutputKinds, kindHelp, secretTitles } from './output-kinds.js';

const URL_HINT = 'The whole URL: its parts and options for the chosen kind are listed above.';
const SECRETS_NOTE = 'Passphrases and stream keys are shown as ***. Leave *** to keep the stored one, or type a new one.';

/**
 * `onSaved(output, {added})` after the server accepted; `form.edit(output)` switches to
 * editing that output, `form.reset()` back to adding.
 */
export function outputForm({ channelId, onSaved }) {
  let editing = null;
  const title = h('h3', { id: `output-form-title-${channelId}` }, 'Add output');
  const name = field({ label: 'Name', name: 'name', placeholder: 'CDN A', check: checkName });
  const id = field({ label: 'Id', name: 'id', placeholder: 'made from the name',
    hint: 'Optional: a-z, 0-9 and "-"; cannot be changed later.', check: (v) => checkId(v, 'Output') });
  // The kinds, their help and their secrets come from the server's descriptors (GET /api/output-kinds),
  // so a kind added there with files only is offered here too; until they arrive, the built-in schemes.
  let kinds = [];
  const kindSelect = h('select', { name: 'kind', id: `output-kind-${channelId}`, 'aria-describedby': `output-kind-help-${channelId}` });
  const kindInfo = h('div', { class: 'field__hint', id: `output-kind-help-${channelId}`, 'data-kind-help': '' });
  const kindField = h('div', { class: 'field' }, h('label', { for: kindSelect.id }, 'Kind'), kindSelect, kindInfo);
  const url = field({ label: 'Destination URL', name: 'url', required: true, inputmode: 'url',
    placeholder: 'srt://203.0.113.10:9000?mode=caller&latency=200', hint: URL_HINT,
    check: (v) => checkUrl(v, { editing: Boolean(editing),
      schemes: kinds.length ? kinds.map((k) => k.scheme) : BUILT_IN_SCHEMES }) });
  const audio = field({ label: 'Audio track (RTMP)', name: 'audio', placeholder: 'first track',
    hint: 'Optional: pid:482 or lang:eng. RTMP carries one audio track.', check: checkAudio });
  const enabled = checkbox({ label: 'Start sending now', name: 'enabled', checked: true });
  const secretsNote = h('p', { class: 'field__hint', hidden: true, 'data-secrets-note': '' }, SECRETS_NOTE);
  const fields = [name, id, url, audio];

  const error = formError();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, 'Add output');
  const cancel = h('button', { type: 'button', class: 'btn', hidden: true }, 'Cancel editing');
  const form = h('form', { class: 'form card', novalidate: true, 'aria-labelledby': title.id, 'data-form': 'output' },
    title,
    h('div', { class: 'form__grid' }, name.wrapper, id.wrapper),
    kindField,
    url.wrapper, secretsNote,
    audio.wrapper,
    enabled.wrapper,
    error.el,
    h('div', { class: 'form__actions' }, submit, cancel));

  /** The audio choice only means something for RTMP: shown only then. */
  function showAudioIfRtmp() {
    audio.wrapper.hidden = protocolOf(url.input.value) !== 'rtmp';
  }
  const kindOf = (scheme) => kinds.find((k) => k.scheme === scheme);

  /** Shows the chosen kind's parts and options; typing another scheme chooses that kind. */
  function showKind(scheme) {
    const kind = kindOf(scheme);
    if (!kind) return;
    kindSelect.value = kind.scheme;
    kindInfo.replaceChildren(...kindHelp(kind));
    url.input.placeholder = kind.definition?.example ?? `${kind.scheme}://`;
  }
  kindSelect.addEventListener('change', () => {
    const current = url.input.value.trim();
    if (!current || /^[a-z0-9+.-]*:\/\/$/i.test(current)) url.reset(`${kindSelect.value}://`);
    showKind(kindSelect.value);
    showAudioIfRtmp();
    url.input.focus();
  });
  url.input.addEventListener('input', () => {
    showKind(schemeOf(url.input.value));
    showAudioIfRtmp();
    error.clear();
  });
  showAudioIfRtmp();
  loadOutputKinds().then((loaded) => {
    kinds = loaded;
    kindSelect.replaceChildren(...kinds.map((k) => h('option', { value: k.scheme }, k.title)));
    showKind(schemeOf(url.input.value) ?? kinds[0]?.scheme);
    if (kindOf(schemeOf(url.input.value))) url.validate();
  }).catch(() => {
    kindField.hidden = true; // the URL field still works; the server checks every kind
  });

  function reset() {
    editing = null;
    setText(title, 'Add output');
    setText(submit, 'Add output');
    cancel.hidden = true;
    secretsNote.hidden = true;
    enabled.wrapper.hidden = false;
    id.input.readOnly = false;
    for (const f of fields) f.reset();
    error.clear();
    showAudioIfRtmp();
  }

  form.edit = (output) => {
    editing = output;
    setText(title, `Edit output ${output.name || output.id}`);
    setText(submit, 'Save changes');
    cancel.hidden = false;
    secretsNote.hidden = !output.url.includes('***');
    const secrets = secretTitles(kindOf(output.protocol));
    setText(secretsNote, secrets.length ? `${secrets.join(' and ')} ${secrets.length > 1 ? 'are' : 'is'} shown as ***. `
      + 'Leave *** to keep the stored one, or type a new one.' : SECRETS_NOTE);
    enabled.wrapper.hidden = true;
    name.reset(output.name || '');
    id.reset(output.id);
    id.input.readOnly = true;
    url.reset(output.url);
    showKind(schemeOf(output.url));
    audio.reset(output.audio || '');
    error.clear();
    showAudioIfRtmp();
    form.scrollIntoView({ block: 'nearest' });
    url.input.focus();
  };
  form.clearForm = reset;
  form.editingId = () => editing?.id ?? null;

  cancel.addEventListener('click', reset);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && editing) reset();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    if (!validateAll(fields.filter((f) => !f.wrapper.hidden))) return;
    const rtmp = protocolOf(url.value) === 'rtmp';
    const body = { name: name.value || null, url: url.value, audio: rtmp && audio.value ? audio.value : null };
    submit.disabled = true;
    try {
      let saved;
      if (editing) {
        saved = await api.put(channelPath(channelId, 'outputs', editing.id), body);
      } else {
        if (id.value) body.id = id.value;
        body.enabled = enabled.value;
        saved = await api.post(channelPath(channelId, 'outputs'), body);
      }
      const added = !editing;
      reset();
      onSaved(saved, { added });
    } catch (refused) {
      error.show(refused.message);
      if (/url|scheme|srt|rtmp|port|host|passphrase|latency|stream/i.test(refused.message)) {
        url.input.setAttribute('aria-invalid', 'true');
      }
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

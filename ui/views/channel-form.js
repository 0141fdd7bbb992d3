// The "new channel" form: where MediaLive sends the channel (a UDP port, optionally a
// multicast group) and what to call it.

import { h } from '../dom.js';
import { api } from '../api.js';
import { field, checkbox, validateAll, formError } from '../components/field.js';
import { checkId, checkName, checkPort, checkIp, checkMulticast } from '../validate.js';

/** `onCreated(channel)` after the server accepted it; `onCancel()` when closed unsaved. */
export function channelForm({ onCreated, onCancel }) {
  const name = field({ label: 'Name', name: 'name', placeholder: 'News HD', check: checkName,
    hint: 'Shown on the dashboard.' });
  const id = field({ label: 'Id', name: 'id', placeholder: 'made from the name',
    hint: 'Optional: a-z, 0-9 and "-". Used in URLs and logs; cannot be changed later.',
    check: (v) => checkId(v, 'Channel') });
  const port = field({ label: 'UDP port', name: 'port', inputmode: 'numeric', placeholder: '5000', required: true,
    hint: 'Where MediaLive sends this channel (RTP or plain UDP, detected by itself).', check: (v) => checkPort(v) });
  const bind = field({ label: 'Bind address', name: 'bind', placeholder: '0.0.0.0',
    hint: 'Optional: receive on one local address only.', check: (v) => checkIp(v, 'Bind address') });
  const group = field({ label: 'Multicast group', name: 'multicastGroup', placeholder: '239.1.1.1',
    check: checkMulticast });
  const iface = field({ label: 'Interface', name: 'interface', placeholder: 'eth0',
    hint: 'Required with a multicast group: the network interface that receives it.',
    check: (v) => (group.value && !v ? 'Name the interface that receives the multicast group, e.g. eth0.' : null) });
  const source = field({ label: 'Source addresses', name: 'sourceAddress', placeholder: 'any',
    hint: 'Optional but recommended: accept datagrams only from these addresses or CIDR ranges, comma-separated (e.g. 198.51.100.7, 203.0.113.0/24).',
    check: checkSources });
  const start = checkbox({ label: 'Start receiving now', name: 'started', checked: true });
  const fields = [name, id, port, bind, group, iface, source];
  group.input.addEventListener('input', () => iface.validate());

  const error = formError();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, 'Create channel');
  const cancel = h('button', { type: 'button', class: 'btn' }, 'Cancel');
  const more = h('details', { class: 'more' }, h('summary', {}, 'Multicast and source filter'),
    h('div', { class: 'form__grid' }, bind.wrapper, group.wrapper, iface.wrapper, source.wrapper));
  const form = h('form', { class: 'form card', 'aria-labelledby': 'new-channel-title', novalidate: true },
    h('h2', { id: 'new-channel-title' }, 'New channel'),
    h('div', { class: 'form__grid' }, name.wrapper, id.wrapper, port.wrapper),
    more,
    start.wrapper,
    error.el,
    h('div', { class: 'form__actions' }, submit, cancel));

  cancel.addEventListener('click', () => onCancel());
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onCancel();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    if (!validateAll(fields)) {
      if (fields.slice(3).some((f) => f.validate())) more.open = true;
      return;
    }
    const body = {
      name: name.value || null,
      input: {
        port: Number(port.value),
        bind: bind.value || null,
        multicastGroup: group.value || null,
        interface: iface.value || null,
        sourceAddress: source.value ? source.value.split(',').map((s) => s.trim()).filter(Boolean) : null,
      },
      started: start.value,
    };
    if (id.value) body.id = id.value;
    submit.disabled = true;
    try {
      onCreated(await api.post('/api/channels', body));
    } catch (refused) {
      error.show(refused.message);
    } finally {
      submit.disabled = false;
    }
  });
  form.focusFirst = () => name.input.focus();
  return form;
}

/** Each comma-separated entry an address or address/prefix; the server checks the details. */
function checkSources(value) {
  if (!value) return null;
  const bad = value.split(',').map((s) => s.trim()).filter(Boolean).find((entry) => {
    const [address, prefix, extra] = entry.split('/');
    return extra !== undefined || checkIp(address, 'x') || (prefix !== undefined && !/^\d{1,3}$/.test(prefix));
  });
  return bad ? `Source addresses: '${bad}' is neither an IP address nor a CIDR range such as 203.0.113.0/24.` : null;
}

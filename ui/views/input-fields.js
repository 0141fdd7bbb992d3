// One input of a channel as the channel form edits it: RTP/UDP (a port, optionally a bind
// address, multicast group, source filter and FEC) or SRT (one URL). Used twice: the primary
// input and MediaLive's second pipeline. An SRT URL comes back from the server with
// passphrase=***; sent back unchanged, *** keeps the stored passphrase (the server swaps it
// back in), so the secret never reaches the page.

import { h } from '../dom.js';
import { field, checkbox, choice } from '../components/field.js';
import { checkPort, checkIp, checkMulticast, checkSrtInput } from '../validate.js';

const SRT_HINT = 'Listener: srt://:9000?mode=listener&latency=200&passphrase=… (MediaLive calls this server); '
  + 'caller: srt://HOST:PORT?mode=caller&passphrase=… (this server calls MediaLive). Passphrase: 10 to 79 characters.';

/**
 * `prefix` keeps the field names of the two inputs apart ("" and "backup-"); `label` names
 * the input in the legend. Returns `{ el, fields(), value(), fill(input), more }`.
 */
export function inputFields({ prefix = '', label = 'Input' }) {
  const n = (name) => `${prefix}${name}`;
  let storedSrt = false; // *** stands for a stored passphrase only when this input has one
  const type = choice({ label: 'Input type', name: n('inputType'), options: [['rtp', 'RTP/UDP'], ['srt', 'SRT']],
    hint: 'As set in MediaLive\'s output group: UDP (RTP or plain) or SRT.' });
  const srt = field({ label: 'SRT URL', name: n('srt'), inputmode: 'url', required: true,
    placeholder: 'srt://:9000?mode=listener&latency=200&passphrase=…', hint: SRT_HINT,
    check: (v) => checkSrtInput(v, { editing: storedSrt }) });
  const secretsNote = h('p', { class: 'field__hint', hidden: true },
    'The passphrase is shown as ***. Leave *** to keep the stored one, or type a new one.');
  const port = field({ label: 'UDP port', name: n('port'), inputmode: 'numeric', placeholder: '5000', required: true,
    hint: 'Where MediaLive sends this channel (RTP or plain UDP, detected by itself).', check: (v) => checkPort(v) });
  const bind = field({ label: 'Bind address', name: n('bind'), placeholder: '0.0.0.0',
    hint: 'Optional: receive on one local address only.', check: (v) => checkIp(v, 'Bind address') });
  const group = field({ label: 'Multicast group', name: n('multicastGroup'), placeholder: '239.1.1.1', check: checkMulticast });
  const iface = field({ label: 'Interface', name: n('interface'), placeholder: 'eth0',
    hint: 'Required with a multicast group: the network interface that receives it.',
    check: (v) => (group.value && !v ? 'Name the interface that receives the multicast group, e.g. eth0.' : null) });
  const source = field({ label: 'Source addresses', name: n('sourceAddress'), placeholder: 'any',
    hint: 'Optional but recommended: accept datagrams only from these addresses or CIDR ranges, comma-separated (e.g. 198.51.100.7, 203.0.113.0/24).',
    check: checkSources });
  const fec = checkbox({ label: 'SMPTE 2022-1 FEC', name: n('fec'),
    hint: 'Also receive FEC on port + 2 and + 4 and rebuild lost packets; adds 2 x L x D packets of delay. Only if MediaLive sends FEC.' });
  group.input.addEventListener('input', () => iface.validate());

  const more = h('details', { class: 'more' }, h('summary', {}, 'Multicast, source filter and FEC'),
    h('div', { class: 'form__grid' }, bind.wrapper, group.wrapper, iface.wrapper, source.wrapper, fec.wrapper));
  const rtpPart = h('div', {}, h('div', { class: 'form__grid' }, port.wrapper), more);
  const srtPart = h('div', { hidden: true }, srt.wrapper, secretsNote);
  const el = h('fieldset', { class: 'inputs', 'data-input': prefix ? prefix.replace(/-$/, '') : 'primary' },
    h('legend', {}, label), h('div', { class: 'form__grid' }, type.wrapper), rtpPart, srtPart);

  const isSrt = () => type.value === 'srt';
  function show() {
    rtpPart.hidden = isSrt();
    srtPart.hidden = !isSrt();
  }
  type.input.addEventListener('change', show);

  return {
    el,
    more,
    /** The fields that apply to the chosen type, for validateAll. */
    fields: () => (isSrt() ? [srt] : [port, bind, group, iface, source]),
    /** True when a wrong field is inside the closed "more" part. */
    wrongInMore: () => !isSrt() && [bind, group, iface, source].some((f) => f.validate()),
    /** The input as the API takes it: FEC is RTP only (the server refuses both together). */
    value() {
      if (isSrt()) return { srt: srt.value };
      return {
        port: Number(port.value),
        bind: bind.value || null,
        multicastGroup: group.value || null,
        interface: iface.value || null,
        sourceAddress: source.value ? source.value.split(',').map((s) => s.trim()).filter(Boolean) : null,
        fec: fec.value,
      };
    },
    /** Starts from a stored input, as the API returns it (SRT passphrase masked). */
    fill(input) {
      storedSrt = Boolean(input?.srt);
      type.input.value = storedSrt ? 'srt' : 'rtp';
      srt.reset(input?.srt ?? '');
      secretsNote.hidden = !(input?.srt ?? '').includes('***');
      port.reset(input?.port != null ? String(input.port) : '');
      bind.reset(input?.bind ?? '');
      group.reset(input?.multicastGroup ?? '');
      iface.reset(input?.interface ?? '');
      source.reset([].concat(input?.sourceAddress ?? []).join(', '));
      fec.input.checked = Boolean(input?.fec);
      show();
    },
  };
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

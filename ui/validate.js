// Checks made while the operator types, so most mistakes show before anything is sent.
// They cover the usual slips; the server checks everything again and its message, shown
// verbatim, is the last word. Each function returns a message saying what to fix, or null.

const ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[[0-9A-Fa-f:.]{2,45}\]$/;
const MASK = '***';

export function checkId(value, what) {
  if (!value) return null;
  return ID.test(value) ? null
    : `${what} id: 1 to 32 characters of a-z, 0-9 and "-", starting with a letter or digit.`;
}

export function checkName(value) {
  return value.length > 100 ? 'Name: at most 100 characters.' : null;
}

export function checkPort(value, { required = true } = {}) {
  if (value === '') return required ? 'Enter the UDP port MediaLive sends this channel to, e.g. 5000.' : null;
  if (!/^\d+$/.test(value)) return 'Port: a whole number.';
  const port = Number(value);
  return port >= 1024 && port <= 65535 ? null : 'Port: between 1024 and 65535.';
}

export function checkIp(value, what) {
  if (!value) return null;
  return IPV4.test(value) || /^[0-9A-Fa-f:]+$/.test(value) ? null : `${what}: an IP address such as 192.0.2.10.`;
}

export function checkMulticast(value) {
  if (!value) return null;
  const ip = checkIp(value, 'Multicast group');
  if (ip) return ip;
  const first = Number(value.split('.')[0]);
  return IPV4.test(value) && (first < 224 || first > 239) ? 'Multicast group: between 224.0.0.0 and 239.255.255.255.' : null;
}

/** Audio track choice, RTMP only. */
export function checkAudio(value) {
  if (!value) return null;
  return /^(pid:\d{1,4}|lang:[a-z]{3})$/.test(value) ? null
    : 'Audio: "pid:482" for a PID or "lang:eng" for a language (ISO 639-2).';
}

/** The schemes with a built-in check here and on the server; another kind's URLs are scheme://HOST:PORT. */
export const BUILT_IN_SCHEMES = ['srt', 'rtmp', 'rtmps', 'udp'];

/** The URL's scheme in lower case, or null. */
export function schemeOf(url) {
  return url.trim().toLowerCase().match(/^([a-z][a-z0-9+.-]*):\/\//)?.[1] ?? null;
}

/** The protocol a URL names, or null. */
export function protocolOf(url) {
  const scheme = schemeOf(url);
  if (scheme === 'srt') return 'srt';
  if (scheme === 'rtmp' || scheme === 'rtmps') return 'rtmp';
  if (scheme === 'udp') return 'udp';
  return null;
}

/**
 * A destination URL. `editing`: the URL came back from the server with secrets shown
 * as ***, which keep the stored secret on save.
 */
export function checkUrl(url, { editing = false, schemes = BUILT_IN_SCHEMES } = {}) {
  if (!url) return 'Enter the destination URL, e.g. srt://203.0.113.10:9000?mode=caller&latency=200.';
  if (/\s/.test(url)) return 'The URL may not contain spaces.';
  const protocol = protocolOf(url);
  const scheme = schemeOf(url);
  // a kind the server loaded from files only (GET /api/output-kinds): scheme://HOST:PORT, as the server checks it
  if (!protocol && schemes.includes(scheme)) return checkHostPort(url, scheme);
  if (!protocol) return `Start with ${orList(schemes.map((s) => `${s}://`))}.`;
  if (protocol === 'udp') return checkUdp(url);
  return protocol === 'srt' ? checkSrt(url, editing) : checkRtmp(url, editing);
}

/**
 * A channel's SRT input URL: listener (srt://:9000?mode=listener&passphrase=…, MediaLive calls
 * us) or caller (srt://host:port?mode=caller…). Same rules as an SRT output's URL, as the server
 * checks both with one parser. `editing`: passphrase=*** keeps the stored one.
 */
export function checkSrtInput(url, { editing = false } = {}) {
  if (!url) return 'Enter the SRT URL, e.g. srt://:9000?mode=listener&latency=200&passphrase=….';
  if (/\s/.test(url)) return 'The URL may not contain spaces.';
  if (protocolOf(url) !== 'srt') return 'Start with srt://, e.g. srt://:9000?mode=listener.';
  return checkSrt(url, editing, 'MediaLive');
}

const DURATION = /^(\d{1,7})(ms|s|m|h)$/;
const MILLIS = { ms: 1, s: 1000, m: 60000, h: 3600000 };

/** A failover duration such as 300ms, 10s, 2m or 1h, between `min` and `max` ms; empty for the default. */
export function checkDuration(value, what, min, max, range) {
  if (!value) return null;
  const m = value.match(DURATION);
  if (!m) return `${what}: a duration such as 300ms, 10s, 2m or 1h.`;
  const millis = Number(m[1]) * MILLIS[m[2]];
  return millis >= min && millis <= max ? null : `${what}: between ${range}.`;
}

function splitUrl(url) {
  const rest = url.slice(url.indexOf('://') + 3);
  const q = rest.indexOf('?');
  const beforeQuery = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? '' : rest.slice(q + 1);
  const slash = beforeQuery.indexOf('/');
  const authority = slash < 0 ? beforeQuery : beforeQuery.slice(0, slash);
  const path = slash < 0 ? '' : beforeQuery.slice(slash + 1);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const portMatch = hostPort.match(/^(.*):(\d*)$/);
  const host = portMatch && !hostPort.endsWith(']') ? portMatch[1] : hostPort;
  const port = portMatch && !hostPort.endsWith(']') ? portMatch[2] : null;
  return { host, port, path, query };
}

function options(query) {
  const found = {};
  if (!query) return { found };
  for (const [i, pair] of query.split('&').entries()) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) return { error: `Option ${i + 1} after "?" should read name=value.` };
    found[pair.slice(0, eq).toLowerCase()] = pair.slice(eq + 1);
  }
  return { found };
}

/** "a, b or c". */
function orList(items) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** scheme://HOST:PORT only; the server checks the same (validator host-port). */
function checkHostPort(url, scheme) {
  const { host, port, path, query } = splitUrl(url);
  if (path || query || url.slice(url.indexOf('://') + 3).includes('@')) return `${scheme} URLs are ${scheme}://HOST:PORT, with no path, user or options.`;
  if (!host || !port) return `Add the host and port: ${scheme}://HOST:PORT.`;
  if (!(Number(port) >= 1 && Number(port) <= 65535)) return 'Port: 1 to 65535.';
  return null;
}

/** udp://host:port?ttl=N&adapter=ADDRESS; the server checks the same (UdpUrlParser). */
function checkUdp(url) {
  const { host, port, path, query } = splitUrl(url);
  if (path) return 'UDP URLs have no path: udp://HOST:PORT?ttl=4.';
  if (!host || !port) return 'Add the receiver\'s host and port, e.g. udp://239.1.1.1:5000?ttl=4.';
  const portNumber = Number(port);
  if (!(portNumber >= 1 && portNumber <= 65535)) return 'Port: 1 to 65535.';
  const { found, error } = options(query);
  if (error) return error;
  for (const key of Object.keys(found)) {
    if (key !== 'ttl' && key !== 'adapter') return `Unknown UDP option "${key}": ttl and adapter are supported.`;
  }
  if (found.ttl !== undefined && !(/^\d{1,3}$/.test(found.ttl) && +found.ttl >= 1 && +found.ttl <= 255)) return 'ttl: 1 to 255 hops.';
  const first = Number(host.split('.')[0]);
  if (found.adapter !== undefined) {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || first < 224 || first > 239) return 'adapter is for a multicast group (224.x to 239.x) only.';
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(found.adapter)) return 'adapter: the IPv4 address of the interface to send from, e.g. 10.0.0.5.';
  }
  return null;
}

/** `peer`: who is at the other end, for the messages (an output's receiver, an input's sender). */
function checkSrt(url, editing, peer = 'the receiver') {
  const { host, port, path, query } = splitUrl(url);
  if (path) return 'SRT URLs have no path: options go after "?", e.g. srt://203.0.113.10:9000?latency=200.';
  const { found, error } = options(query);
  if (error) return error;
  const mode = found.mode ?? 'caller';
  if (mode !== 'caller' && mode !== 'listener') return `mode: "caller" (we call ${peer}) or "listener" (it calls us).`;
  if (mode === 'caller' && !host) return `Add the host of ${peer}, e.g. srt://203.0.113.10:9000.`;
  if (host && !HOST.test(host)) return `"${host}" is not a valid host name or IP address.`;
  if (port === null || port === '') return 'Add a port after the host, e.g. srt://203.0.113.10:9000.';
  const number = Number(port);
  if (number < 1024 || number > 65535) return 'SRT port: between 1024 and 65535.';
  if ('latency' in found) {
    const latency = Number(found.latency);
    if (!/^\d+$/.test(found.latency) || latency < 20 || latency > 8000) return 'latency is in milliseconds: 20 to 8000.';
  }
  if ('passphrase' in found) {
    const secret = found.passphrase;
    if (secret === MASK && !editing) return 'Type the passphrase itself: *** only stands for a stored one.';
    if (secret !== MASK && (secret.length < 10 || secret.length > 79)) return 'passphrase: 10 to 79 characters.';
  }
  if ('pbkeylen' in found) {
    if (!['16', '24', '32'].includes(found.pbkeylen)) return 'pbkeylen: 16, 24 or 32.';
    if (!('passphrase' in found)) return 'pbkeylen needs a passphrase.';
  }
  return null;
}

function checkRtmp(url, editing) {
  const { host, port, path } = splitUrl(url);
  if (!host) return 'Add the server\'s host, e.g. rtmp://a.rtmp.example.com/live/STREAM-KEY.';
  if (!HOST.test(host)) return `"${host}" is not a valid host name or IP address.`;
  if (port !== null && !/^\d{1,5}$/.test(port)) return 'The port after the host must be a number.';
  const slash = path.lastIndexOf('/');
  if (slash <= 0 || slash === path.length - 1) return 'Add an application and a stream key: rtmp://host/app/STREAM-KEY.';
  if (path.slice(slash + 1) === MASK && !editing) return 'Type the stream key itself: *** only stands for a stored one.';
  return null;
}

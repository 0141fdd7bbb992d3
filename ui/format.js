// How numbers and times are written on the dashboard.

/** Bits per second as "2.50 Mbit/s". */
export function bitrate(bps) {
  if (bps === null || bps === undefined || Number.isNaN(bps)) return '–';
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(2)} Gbit/s`;
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(2)} Mbit/s`;
  if (bps >= 1e3) return `${(bps / 1e3).toFixed(0)} kbit/s`;
  return `${Math.round(bps)} bit/s`;
}

/** A whole count with thousands separators. */
export function count(n) {
  if (n === null || n === undefined) return '–';
  return Number(n).toLocaleString('en-US');
}

/** Clock time of an ISO instant, 24 h, local time zone. */
export function clock(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

/** "12 s ago", "3 min ago", "2 h ago". */
export function ago(iso, now = Date.now()) {
  if (!iso) return '–';
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** Seconds as "1 h 02 min", "4 min 05 s", "12 s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A PID as "481 (0x1E1)". */
export function pid(value) {
  return `${value} (0x${value.toString(16).toUpperCase().padStart(3, '0')})`;
}

/** Where a channel listens: "0.0.0.0:5000", "239.1.1.1:5000 on eth0 from 10.0.0.5". */
export function inputAddress(input) {
  if (!input) return '–';
  if (input.srt) return input.srt; // the server sends it with the passphrase as ***
  const where = input.multicastGroup
    ? `${input.multicastGroup}:${input.port} on ${input.interface}`
    : `${input.bind || '0.0.0.0'}:${input.port}`;
  const sources = [].concat(input.sourceAddress || []);
  return sources.length ? `${where} from ${sources.join(', ')}` : where;
}

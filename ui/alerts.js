// What needs an operator's eye on a channel now, in words. Counters that only ever grow
// (RTP loss, CC errors) raise an alert while they are rising, not forever after.

import { recentErrors, store } from './store.js';
import { count } from './format.js';

/** [{level: "bad"|"warn", text}] for one channel, worst first. */
export function channelAlerts(channel) {
  const alerts = [];
  const status = channel.status || {};
  if (status.state === 'error') {
    alerts.push({ level: 'bad', text: status.lastError || 'Input error' });
  } else if (status.state === 'waiting' && status.srt) {
    // an SRT input says why: nobody called yet, a call failed, a caller was refused
    alerts.push({ level: 'warn', text: status.lastError || status.srt.reason || 'No SRT signal' });
  } else if (status.state === 'waiting') {
    alerts.push({ level: 'warn', text: `No signal on UDP port ${channel.input?.port}` });
  }
  for (const output of channel.outputs || []) {
    const state = output.status?.state;
    const label = output.name || output.id;
    if (state === 'failed') alerts.push({ level: 'bad', text: `${label}: failed` });
    else if (state === 'retrying') alerts.push({ level: 'warn', text: `${label}: retrying` });
    const missing = output.status?.cues?.missing ?? 0;
    if (missing > 0) alerts.push({ level: 'warn', text: `${label}: ${count(missing)} cue(s) not forwarded` });
  }
  const recent = recentErrors(channel.id);
  if (recent.rtpLoss) alerts.push({ level: 'warn', text: 'RTP packets being lost' });
  if (recent.cc) alerts.push({ level: 'warn', text: 'Continuity errors rising' });
  alerts.push(...streamAlerts(channel));
  // setup problems the server names itself: no source filter, a receive buffer the kernel capped
  for (const warning of status.warnings || []) alerts.push({ level: 'warn', text: warning });
  if ((status.kernelDrops ?? 0) > 0) {
    alerts.push({ level: 'warn', text: `${count(status.kernelDrops)} datagrams dropped by the kernel (receive buffer full)` });
  }
  if ((status.drops ?? 0) > 0) alerts.push({ level: 'warn', text: `${count(status.drops)} packets dropped by slow outputs` });
  return alerts.sort((a, b) => (a.level === b.level ? 0 : a.level === 'bad' ? -1 : 1));
}

const PRIORITY_1_WINDOW_MS = 10_000;

/** TR 101 290 priority 1 errors of the last 10 s (as health's DEGRADED by default), audio or video PIDs without frames. */
function streamAlerts(channel) {
  if (channel.status?.state !== 'receiving') return [];
  const now = store.time ?? Date.now();
  const alerts = [];
  const recent = (channel.stream?.tr101290 || [])
    .filter((i) => i.priority === 1 && i.lastAt && now - new Date(i.lastAt).getTime() < PRIORITY_1_WINDOW_MS)
    .map((i) => i.indicator.replaceAll('_', ' '));
  if (recent.length) alerts.push({ level: 'warn', text: `TR 101 290 priority 1: ${recent.join(', ')}` });
  for (const [pid, activity] of Object.entries(channel.stream?.activityByPid || {})) {
    if (!activity.carriesFrames) alerts.push({ level: 'warn', text: `No ${activity.kind} frames on PID ${pid}` });
  }
  return alerts;
}

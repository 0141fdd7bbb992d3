// What the page knows: the newest snapshot of every channel, a minute of bitrate history for
// the charts, the cue logs and recent events. Views subscribe and redraw what changed.

const HISTORY_POINTS = 60;
const EVENTS_KEPT = 50;
const CUES_KEPT = 100;
/** A loss or continuity counter that rose within this window makes a live alert. */
const RECENT_MS = 15000;

const listeners = new Set();
/** Channel id -> when snapshots stopped listing it. */
const missingSince = new Map();
const GONE_AFTER_MS = 5000;
/** Ids deleted from this page lately: a snapshot made just before the deletion must not bring them back. */
const tombstones = new Map();
const TOMBSTONE_MS = 3000;

function buried(key, now = Date.now()) {
  const at = tombstones.get(key);
  if (at && now - at < TOMBSTONE_MS) return true;
  tombstones.delete(key);
  return false;
}

export const store = {
  /** Set once the first snapshot arrived. */
  loaded: false,
  /** Time of the newest snapshot (server clock). */
  time: null,
  /** Channel id -> channel, as GET /api/channels returns it. */
  channels: new Map(),
  /** Channel id -> [{t, bitrate}], oldest first. */
  bitrates: new Map(),
  /** "channel/output" -> [{t, bitrate}], oldest first. */
  outputBitrates: new Map(),
  /** Channel id -> {rtpLost, cc, rtpLostAt, ccAt}: when the error counters last rose. */
  counters: new Map(),
  /** Channel id -> cues, oldest first (filled from /api/channels/{id}/cues, then by events). */
  cues: new Map(),
  /** Channel id -> recent events, newest first. */
  events: new Map(),
  /** Channel id -> ETag of its newest picture, as `thumbnail` messages announce it (null: none). */
  thumbnails: new Map(),
  /** The live connection: {state, attempt, retryAt}. */
  connection: { state: 'connecting', attempt: 0, retryAt: null },
  /** GET /api/cluster in cluster mode (who serves this page, who is alive, who owns what); null in single-node mode. */
  cluster: null,
};

/** `listener(reason)` is called after every change; returns a function that unsubscribes. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(reason) {
  for (const listener of [...listeners]) listener(reason);
}

export function setConnection(connection) {
  store.connection = connection;
  changed({ type: 'connection' });
}

/** The newest answer of GET /api/cluster, or its copy a `cluster` message on /ws brings (cluster mode only). */
export function setCluster(cluster) {
  store.cluster = cluster;
  changed({ type: 'cluster' });
}

/** Channel id -> its entry in GET /api/cluster ({owner, candidates, allowedNodes}); undefined when unknown. */
export function clusterChannel(id) {
  return store.cluster?.channels?.find((c) => c.id === id);
}

/** Applies one message from /ws. */
export function receive(message) {
  switch (message.type) {
    case 'snapshot':
      applySnapshot(message);
      break;
    case 'channel-state':
      patchChannelState(message);
      addEvent(message.channel, message);
      break;
    case 'output-state':
      patchOutputState(message);
      addEvent(message.channel, message);
      break;
    case 'error':
    case 'sender-restart':
    case 'input-switch':
      addEvent(message.channel, message);
      break;
    case 'cue':
      addCue(message.channel, message.cue);
      break;
    case 'thumbnail':
      store.thumbnails.set(message.channel, message.etag ?? null);
      break;
    case 'cluster':
      store.cluster = message;
      break;
    default:
      return;
  }
  changed(message);
}

function applySnapshot(message) {
  const now = Date.parse(message.time) || Date.now();
  const seen = new Set();
  for (const channel of message.channels || []) {
    if (buried(channel.id)) continue;
    channel.outputs = (channel.outputs || []).filter((o) => !buried(`${channel.id}/${o.id}`));
    seen.add(channel.id);
    store.channels.set(channel.id, channel);
    push(store.bitrates, channel.id, { t: now, bitrate: channel.status?.bitrate ?? 0 });
    for (const output of channel.outputs || []) {
      push(store.outputBitrates, `${channel.id}/${output.id}`, { t: now, bitrate: output.status?.bitrate ?? 0 });
    }
    trackCounters(channel, now);
  }
  for (const id of [...store.channels.keys()]) {
    if (seen.has(id)) {
      missingSince.delete(id);
      continue;
    }
    // a server that has just restarted sends a snapshot or two before it has restored its
    // channels: only a channel missing for a while is gone (its history stays till then)
    const since = missingSince.get(id) ?? now;
    missingSince.set(id, since);
    if (now - since >= GONE_AFTER_MS) {
      missingSince.delete(id);
      forget(id);
    }
  }
  store.time = now;
  store.loaded = true;
}

function push(map, key, point) {
  const points = map.get(key) || [];
  points.push(point);
  if (points.length > HISTORY_POINTS) points.splice(0, points.length - HISTORY_POINTS);
  map.set(key, points);
}

function trackCounters(channel, now) {
  const rtpLost = channel.status?.rtpLost ?? 0;
  const cc = channel.stream?.totalCcErrors ?? 0;
  const previous = store.counters.get(channel.id);
  const next = { rtpLost, cc, rtpLostAt: previous?.rtpLostAt ?? null, ccAt: previous?.ccAt ?? null };
  if (previous && rtpLost > previous.rtpLost) next.rtpLostAt = now;
  if (previous && cc > previous.cc) next.ccAt = now;
  store.counters.set(channel.id, next);
}

function forget(id) {
  store.channels.delete(id);
  store.bitrates.delete(id);
  store.counters.delete(id);
  store.thumbnails.delete(id);
  for (const key of [...store.outputBitrates.keys()]) {
    if (key.startsWith(`${id}/`)) store.outputBitrates.delete(key);
  }
}

function patchChannelState(message) {
  const channel = store.channels.get(message.channel);
  if (channel?.status) channel.status = { ...channel.status, state: message.to, since: message.time };
}

function patchOutputState(message) {
  const channel = store.channels.get(message.channel);
  const output = channel?.outputs?.find((o) => o.id === message.output);
  if (output?.status) output.status = { ...output.status, state: message.to, since: message.time };
}

function addEvent(channelId, message) {
  const events = store.events.get(channelId) || [];
  events.unshift(message);
  events.length = Math.min(events.length, EVENTS_KEPT);
  store.events.set(channelId, events);
}

function addCue(channelId, cue) {
  const cues = store.cues.get(channelId) || [];
  cues.push(cue);
  if (cues.length > CUES_KEPT) cues.splice(0, cues.length - CUES_KEPT);
  store.cues.set(channelId, cues);
  const channel = store.channels.get(channelId);
  if (channel) channel.lastCue = cue;
}

/** Replaces a channel's cue log with the server's (on opening its page, after a reconnect). */
export function setCues(channelId, cues) {
  store.cues.set(channelId, cues.slice(-CUES_KEPT));
  changed({ type: 'cues', channel: channelId });
}

/** Puts a channel as an API call returned it, so the page reacts before the next snapshot. */
export function putChannel(channel) {
  tombstones.delete(channel.id);
  store.channels.set(channel.id, channel);
  changed({ type: 'channel', channel: channel.id });
}

export function removeChannel(id) {
  tombstones.set(id, Date.now());
  forget(id);
  changed({ type: 'channel-removed', channel: id });
}

/** Whether a counter of the channel rose in the last seconds: {rtpLoss, cc}. */
export function recentErrors(channelId, now = store.time ?? Date.now()) {
  const counters = store.counters.get(channelId);
  return {
    rtpLoss: Boolean(counters?.rtpLostAt && now - counters.rtpLostAt < RECENT_MS),
    cc: Boolean(counters?.ccAt && now - counters.ccAt < RECENT_MS),
  };
}

/** Puts an output as an API call returned it. */
export function putOutput(channelId, output) {
  const channel = store.channels.get(channelId);
  if (!channel) return;
  tombstones.delete(`${channelId}/${output.id}`);
  const outputs = channel.outputs || [];
  const at = outputs.findIndex((o) => o.id === output.id);
  channel.outputs = at >= 0 ? outputs.map((o, i) => (i === at ? output : o)) : [...outputs, output];
  changed({ type: 'output', channel: channelId, output: output.id });
}

export function removeOutput(channelId, outputId) {
  const channel = store.channels.get(channelId);
  if (!channel) return;
  tombstones.set(`${channelId}/${outputId}`, Date.now());
  channel.outputs = (channel.outputs || []).filter((o) => o.id !== outputId);
  store.outputBitrates.delete(`${channelId}/${outputId}`);
  changed({ type: 'output-removed', channel: channelId, output: outputId });
}

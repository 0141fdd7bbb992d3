// One channel: its input (address, programs, PIDs and codecs, RTP loss, CC errors), its
// outputs with their live figures and actions, the add-output form, and the SCTE-35 cue log.

import { h, setText, setAttr, syncList } from '../dom.js';
import { api, channelPath } from '../api.js';
import { store, subscribe, setCues, putOutput, removeOutput, putChannel } from '../store.js';
import { bitrate, count, clock, ago, duration, pid, inputAddress } from '../format.js';
import { stateBadge } from '../components/state-badge.js';
import { sparkline } from '../components/sparkline.js';
import { confirmAction } from '../components/confirm.js';
import { toast } from '../components/notify.js';
import { channelAlerts } from '../alerts.js';
import { startOrStop, deleteChannel } from './overview.js';
import { outputForm } from './output-form.js';
import { channelForm } from './channel-form.js';
import { cueLog } from './cue-log.js';
import { eventLog } from './event-log.js';
import { redundancySection } from './redundancy.js';
import { clusterSection } from './cluster-section.js';
import { thumbnail } from '../components/thumbnail.js';
import { tr101290Section, frames } from './tr101290.js';

/** Mounts channel `id` in `root`; returns a function that unmounts it. */
export function channelView(root, { id, user, navigate }) {
  const heading = h('h1', { tabindex: '-1' }, id);
  const meta = h('p', { class: 'page__summary' });
  const badge = stateBadge(null);
  const toggle = h('button', { type: 'button', class: 'btn' });
  const remove = h('button', { type: 'button', class: 'btn btn--quiet-danger', 'data-action': 'delete' }, 'Delete channel');
  const edit = h('button', { type: 'button', class: 'btn', 'data-action': 'edit-channel', 'aria-expanded': 'false' }, 'Edit channel');
  const editSlot = h('div');
  const alerts = h('ul', { class: 'alerts alerts--row' });
  const input = inputSection();
  const redundancy = redundancySection(id, user);
  const cluster = clusterSection(id, user);
  const tr101290 = tr101290Section();
  const outputs = outputsSection(id, user, (output) => form?.edit(output));
  const form = user.canChange
    ? outputForm({
      channelId: id,
      onSaved: (output, { added }) => {
        putOutput(id, output);
        toast(added ? `Output ${output.name || output.id} added.` : `Output ${output.name || output.id} saved.`);
      },
    })
    : null;
  const cues = cueLog();
  const events = eventLog();
  const picture = thumbnail({ large: true });
  const missing = h('div', { class: 'card empty', hidden: true },
    h('p', {}, `There is no channel "${id}".`), h('p', {}, h('a', { href: '#/' }, 'Back to all channels')));

  const body = h('div', { class: 'channel' },
    alerts,
    cluster.el,
    h('section', { class: 'card channel__picture', 'aria-label': 'Picture' }, picture),
    input.el,
    redundancy.el,
    tr101290.el,
    h('section', { class: 'card', 'aria-labelledby': 'outputs-title' },
      h('h2', { id: 'outputs-title' }, 'Outputs'), outputs.el, form),
    h('div', { class: 'columns' }, cues.el, events.el));

  root.replaceChildren(h('section', { class: 'page' },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← All channels')),
    h('div', { class: 'page__head' },
      h('div', {}, h('div', { class: 'title-line' }, heading, badge), meta),
      user.canChange ? h('div', { class: 'actions' }, edit, toggle, remove) : null),
    editSlot, missing, body));

  toggle.addEventListener('click', () => {
    const channel = store.channels.get(id);
    if (channel) startOrStop(channel, toggle);
  });
  // The form starts from the channel as it is now and is not redrawn by live updates, so
  // what the operator typed stays; closed after saving, so no typed passphrase lingers.
  function closeEdit() {
    editSlot.replaceChildren();
    edit.setAttribute('aria-expanded', 'false');
  }
  edit.addEventListener('click', () => {
    const channel = store.channels.get(id);
    if (editSlot.firstChild || !channel) return closeEdit();
    const form = channelForm({
      channel,
      onCancel: () => {
        closeEdit();
        edit.focus();
      },
      onSaved: (saved) => {
        putChannel(saved);
        closeEdit();
        toast(`Channel "${saved.name || saved.id}" saved.`);
      },
    });
    editSlot.replaceChildren(form);
    edit.setAttribute('aria-expanded', 'true');
    form.focusFirst();
  });
  remove.addEventListener('click', async () => {
    const channel = store.channels.get(id);
    if (channel && await deleteChannel(channel, remove)) navigate('#/');
  });

  async function loadCues() {
    try {
      setCues(id, await api.get(channelPath(id, 'cues')));
    } catch (error) {
      if (error.status !== 404) toast(`Cue log: ${error.message}`, 'error');
    }
  }
  loadCues();

  let wasOpen = store.connection.state === 'open';
  function render(reason) {
    // cues missed while the connection was down are in the server's log: fetch it again
    const open = store.connection.state === 'open';
    if (open && !wasOpen) loadCues();
    wasOpen = open;

    const channel = store.channels.get(id);
    missing.hidden = !store.loaded || Boolean(channel);
    body.hidden = !channel;
    if (!channel) {
      badge.hidden = true;
      toggle.hidden = remove.hidden = edit.hidden = true;
      closeEdit();
      return;
    }
    badge.hidden = false;
    toggle.hidden = remove.hidden = edit.hidden = false;
    const title = channel.name || channel.id;
    setText(heading, title);
    document.title = `${title} · MediaLive Distributor`;
    badge.update(channel.status?.state);
    setText(meta, `${channel.id} · ${channel.input?.srt ? '' : 'UDP '}${inputAddress(channel.input)} · ${channel.status?.state ?? ''} since ${clock(channel.status?.since)}`);
    setText(toggle, channel.started ? 'Stop channel' : 'Start channel');
    setAttr(toggle, 'data-action', channel.started ? 'stop' : 'start');
    setAttr(toggle, 'class', channel.started ? 'btn' : 'btn btn--primary');
    const list = channelAlerts(channel);
    alerts.hidden = list.length === 0;
    syncList(alerts, list, (a) => `${a.level}:${a.text}`, (a) =>
      h('li', { class: `alert alert--${a.level}`, role: 'status' },
        h('span', { class: 'alert__icon', 'aria-hidden': 'true' }, a.level === 'bad' ? '✕' : '!'),
        h('span', { class: 'visually-hidden' }, a.level === 'bad' ? 'Problem: ' : 'Warning: '), a.text));
    picture.update(channel, store.thumbnails.get(id));
    input.update(channel);
    redundancy.update(channel);
    cluster.update();
    tr101290.update(channel);
    outputs.update(channel);
    if (form && form.editingId() && !channel.outputs.some((o) => o.id === form.editingId())) form.clearForm();
    cues.update(store.cues.get(id) || []);
    events.update(store.events.get(id) || []);
  }

  render();
  const unsubscribe = subscribe(render);
  return () => {
    unsubscribe();
    picture.dispose();
    document.title = 'MediaLive Distributor';
  };
}

/** Granted receive buffer in KiB, with what was asked when the kernel gave less. */
function receiveBuffer(st) {
  if (st.receiveBuffer == null) return '–';
  const kib = (bytes) => `${count(Math.round(bytes / 1024))} KiB`;
  return st.receiveBuffer < st.receiveBufferRequested
    ? `${kib(st.receiveBuffer)} (asked ${kib(st.receiveBufferRequested)})` : kib(st.receiveBuffer);
}

/** A term and its value, updated in place. */
function stat(label, hint, key) {
  const value = h('dd', { class: 'num', 'data-stat': key });
  const el = h('div', { class: 'stat' }, h('dt', { title: hint || null }, label), value);
  return { el, value };
}

function inputSection() {
  const s = {
    address: stat('Address', null, 'address'),
    rate: stat('Bitrate now', null, 'rate'),
    rate10: stat('Average, 10 s', null, 'rate10'),
    packets: stat('TS packets', null, 'packets'),
    datagrams: stat('Datagrams', null, 'datagrams'),
    rtpLost: stat('RTP lost', 'RTP packets that never arrived (sequence gaps)', 'rtpLost'),
    rtpReordered: stat('RTP reordered', 'Late packets put back in order', 'rtpReordered'),
    rtpDuplicate: stat('RTP duplicates', null, 'rtpDuplicate'),
    rtpLate: stat('RTP too late', 'Arrived after their gap was declared lost', 'rtpLate'),
    rtpDropped: stat('RTP strays', 'Lone datagrams that fit no stream (another SSRC, or far off in sequence): dropped', 'rtpDropped'),
    senderRestarts: stat('Sender restarts', 'RTP sender restarts: a new SSRC, or a sequence jump', 'senderRestarts'),
    kernelDrops: stat('Kernel drops', 'Datagrams the kernel dropped because the socket receive buffer was full', 'kernelDrops'),
    receiveBuffer: stat('Receive buffer', 'Socket receive buffer the kernel granted (asked for in parentheses when less)', 'receiveBuffer'),
    cc: stat('CC errors', 'Continuity-counter errors over all PIDs', 'cc'),
    malformed: stat('Malformed', null, 'malformed'),
    lastPacket: stat('Last packet', null, 'lastPacket'),
    fecRecovered: stat('FEC recovered', 'Lost RTP packets rebuilt from SMPTE 2022-1 FEC; RTP lost counts those it could not rebuild', 'fecRecovered'),
    fecPackets: stat('FEC packets', 'Column / row FEC packets received (port + 2 / + 4); malformed ones in parentheses', 'fecPackets'),
    fecMatrix: stat('FEC matrix', 'L x D learnt from the FEC headers, and the delay its reorder window adds', 'fecMatrix'),
    srtState: stat('SRT', 'SRT input: listening, calling, connected, call failed or refused', 'srtState'),
    srtRtt: stat('SRT RTT', 'Round-trip time to the SRT sender', 'srtRtt'),
    srtRetransmitted: stat('SRT retransmitted', 'Packets SRT received again after a loss, this connection', 'srtRetransmitted'),
    srtLost: stat('SRT lost', 'Packets SRT saw missing (before retransmission), this connection', 'srtLost'),
    srtDropped: stat('SRT dropped', 'Packets that came too late to repair (raise the latency), this connection', 'srtDropped'),
  };
  const chart = sparkline({ width: 600, height: 64 });
  chart.classList.add('spark--wide');
  const programs = h('div', { class: 'programs' });
  const noStream = h('p', { class: 'muted' }, 'No programs seen yet: the PAT and PMT appear once the input receives.');
  const el = h('section', { class: 'card', 'aria-labelledby': 'input-title' },
    h('h2', { id: 'input-title' }, 'Input'),
    h('div', { class: 'input-top' },
      h('dl', { class: 'stats' }, ...Object.values(s).map((x) => x.el)),
      h('figure', { class: 'chart' }, chart, h('figcaption', { class: 'muted small' }, 'Input bitrate, last minute'))),
    h('h3', {}, 'Programs and PIDs'), noStream, programs);

  return {
    el,
    update(channel) {
      const st = channel.status || {};
      const stream = channel.stream || {};
      const now = store.time ?? Date.now();
      setText(s.address.value, inputAddress(channel.input));
      setText(s.rate.value, st.state === 'stopped' ? '–' : bitrate(st.bitrate));
      setText(s.rate10.value, st.state === 'stopped' ? '–' : bitrate(st.bitrate10s));
      setText(s.packets.value, count(st.packets));
      setText(s.datagrams.value, count(st.datagrams));
      setText(s.rtpLost.value, count(st.rtpLost));
      setText(s.rtpReordered.value, count(st.rtpReordered));
      setText(s.rtpDuplicate.value, count(st.rtpDuplicate));
      setText(s.rtpLate.value, count(st.rtpLate));
      setText(s.rtpDropped.value, count(st.rtpDropped));
      setText(s.senderRestarts.value, count(st.senderRestarts));
      setText(s.kernelDrops.value, count(st.kernelDrops));
      setText(s.receiveBuffer.value, receiveBuffer(st));
      setText(s.cc.value, count(stream.totalCcErrors ?? 0));
      setText(s.malformed.value, count(st.malformed));
      setText(s.lastPacket.value, st.lastPacketAt ? ago(st.lastPacketAt, now) : 'never');
      const fec = st.fec;
      for (const key of ['fecRecovered', 'fecPackets', 'fecMatrix']) s[key].el.hidden = !fec;
      if (fec) {
        setText(s.fecRecovered.value, count(fec.recovered));
        setText(s.fecPackets.value, `${count(fec.columnPackets)} / ${count(fec.rowPackets)}`
          + (fec.malformed > 0 ? ` (${count(fec.malformed)} malformed)` : ''));
        setText(s.fecMatrix.value, fec.rows > 0 ? `${fec.columns} x ${fec.rows}, +${fec.addedDelayMillis} ms` : 'not known yet');
      }
      const srt = st.srt;
      for (const key of ['srtState', 'srtRtt', 'srtRetransmitted', 'srtLost', 'srtDropped']) s[key].el.hidden = !srt;
      if (srt) {
        setText(s.srtState.value, srt.state);
        setAttr(s.srtState.value, 'title', srt.reason || null);
        setText(s.srtRtt.value, srt.rttMs == null ? '–' : `${srt.rttMs.toFixed(1)} ms`);
        setText(s.srtRetransmitted.value, srt.packetsRetransmitted == null ? '–' : count(srt.packetsRetransmitted));
        setText(s.srtLost.value, srt.packetsLost == null ? '–' : count(srt.packetsLost));
        setText(s.srtDropped.value, srt.packetsDropped == null ? '–' : count(srt.packetsDropped));
        s.srtDropped.el.classList.toggle('stat--bad', (srt.packetsDropped ?? 0) > 0);
      }
      s.rtpLost.el.classList.toggle('stat--bad', (st.rtpLost ?? 0) > 0);
      s.cc.el.classList.toggle('stat--bad', (stream.totalCcErrors ?? 0) > 0);
      s.kernelDrops.el.classList.toggle('stat--bad', (st.kernelDrops ?? 0) > 0);
      s.receiveBuffer.el.classList.toggle('stat--bad', st.receiveBuffer != null && st.receiveBuffer < st.receiveBufferRequested);
      chart.update(store.bitrates.get(channel.id));
      setAttr(chart, 'visibility', st.state === 'stopped' ? 'hidden' : null);
      const list = stream.programs || [];
      noStream.hidden = list.length > 0;
      syncList(programs, list, (p) => p.number, programTable);
      for (const table of programs.children) table.updateStream?.(stream);
    },
  };
}

function programTable(program) {
  const caption = h('caption');
  const rows = h('tbody');
  const table = h('table', { class: 'table table--pids' }, caption,
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'PID'), h('th', { scope: 'col' }, 'Codec'), h('th', { scope: 'col' }, 'Stream type'),
      h('th', { scope: 'col' }, 'Language'), h('th', { scope: 'col' }, 'Packets'), h('th', { scope: 'col' }, 'CC errors'),
      h('th', { scope: 'col', title: 'Audio and video: whether PES (frames) arrive, and the video frame rate' }, 'Frames'))),
    rows);
  let current = program;
  table.update = (p) => {
    current = p;
    const extras = [`PMT PID ${p.pmtPid}`, `PCR PID ${p.pcrPid ?? '–'}`];
    if (p.registrations?.length) extras.push(`registration ${p.registrations.join(', ')}`);
    setText(caption, `Program ${p.number} · ${extras.join(' · ')}`);
  };
  // rows outlive the snapshot they were made from: they read the newest one
  let latest = {};
  table.updateStream = (stream) => {
    latest = stream;
    syncList(rows, current.streams || [], (e) => e.pid, (e) => {
      const cells = [h('td', { 'data-label': 'PID' }), h('td', { 'data-label': 'Codec' }), h('td', { 'data-label': 'Stream type' }),
        h('td', { 'data-label': 'Language' }), h('td', { 'data-label': 'Packets', class: 'num' }), h('td', { 'data-label': 'CC errors', class: 'num' }),
        h('td', { 'data-label': 'Frames', 'data-frames': e.pid })];
      const row = h('tr', {}, ...cells);
      row.update = (es) => {
        setText(cells[0], pid(es.pid));
        setText(cells[1], es.codec || 'unknown');
        setText(cells[2], `0x${es.streamType.toString(16).toUpperCase().padStart(2, '0')}`);
        setText(cells[3], es.language || '–');
        setText(cells[4], count(latest.packetsByPid?.[es.pid] ?? 0));
        const cc = latest.ccErrorsByPid?.[es.pid] ?? 0;
        setText(cells[5], count(cc));
        cells[5].classList.toggle('bad', cc > 0);
        const activity = latest.activityByPid?.[es.pid];
        setText(cells[6], frames(activity));
        cells[6].classList.toggle('bad', activity ? !activity.carriesFrames : false);
      };
      return row;
    });
  };
  return table;
}

function outputsSection(channelId, user, onEdit) {
  const rows = h('tbody');
  const empty = h('p', { class: 'muted' }, user.canChange
    ? 'No outputs yet. Add one below: an SRT receiver or an RTMP server to send this channel to.'
    : 'No outputs yet.');
  const table = h('table', { class: 'table table--outputs' },
    h('caption', { class: 'visually-hidden' }, 'Outputs of this channel'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Output'), h('th', { scope: 'col' }, 'Protocol'), h('th', { scope: 'col' }, 'Destination'),
      h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Bitrate'), h('th', { scope: 'col' }, 'SRT link'),
      h('th', { scope: 'col' }, 'Restarts'), h('th', { scope: 'col' }, 'Last error'), h('th', { scope: 'col' }, 'Cues'),
      user.canChange ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
    rows);
  return {
    el: h('div', {}, empty, h('div', { class: 'table-wrap' }, table)),
    update(channel) {
      const list = channel.outputs || [];
      empty.hidden = list.length > 0;
      table.hidden = list.length === 0;
      syncList(rows, list, (o) => o.id, (o) => outputRow(channelId, o, user, onEdit));
      for (const row of rows.children) row.channelStarted?.(channel.started);
    },
  };
}

function outputRow(channelId, output, user, onEdit) {
  const name = h('strong');
  const idText = h('span', { class: 'muted small' });
  const protocol = h('span', { class: 'tag' });
  const url = h('code', { class: 'url' });
  const badge = stateBadge(output.status?.state);
  const since = h('span', { class: 'muted small' });
  const rate = h('span', { class: 'num' });
  const chart = sparkline({ width: 80, height: 20 });
  const link = h('span', { class: 'small pre-line' });
  const restarts = h('span', { class: 'num' });
  const lastError = h('span', { class: 'small error-text' });
  const cues = h('span', { class: 'small' });
  const toggle = h('button', { type: 'button', class: 'btn btn--small' });
  const restart = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'restart' }, 'Restart');
  const edit = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'edit' }, 'Edit');
  const remove = h('button', { type: 'button', class: 'btn btn--small btn--quiet-danger', 'data-action': 'remove' }, 'Remove');
  const row = h('tr', {},
    h('td', { 'data-label': 'Output' }, name, h('br'), idText),
    h('td', { 'data-label': 'Protocol' }, protocol),
    h('td', { 'data-label': 'Destination' }, url),
    h('td', { 'data-label': 'State' }, badge, h('br'), since),
    h('td', { 'data-label': 'Bitrate' }, h('div', { class: 'rate' }, rate, chart)),
    h('td', { 'data-label': 'SRT link' }, link),
    h('td', { 'data-label': 'Restarts' }, restarts),
    h('td', { 'data-label': 'Last error' }, lastError),
    h('td', { 'data-label': 'Cues' }, cues),
    user.canChange ? h('td', { class: 'cell-actions' }, h('div', { class: 'actions actions--grid' }, toggle, restart, edit, remove)) : null);

  let current = output;
  const label = () => current.name || current.id;
  const path = (...rest) => channelPath(channelId, 'outputs', current.id, ...rest);

  async function act(button, method, rest, done) {
    button.disabled = true;
    try {
      const result = method === 'DELETE' ? await api.delete(path()) : await api.post(path(...rest));
      done(result);
    } catch (refused) {
      toast(`Output ${label()}: ${refused.message}`, 'error');
    } finally {
      button.disabled = false;
    }
  }
  toggle.addEventListener('click', () => {
    const starting = !current.enabled;
    act(toggle, 'POST', [starting ? 'start' : 'stop'], (o) => {
      putOutput(channelId, o);
      toast(`Output ${label()} ${starting ? 'started' : 'stopped'}.`);
    });
  });
  restart.addEventListener('click', () => act(restart, 'POST', ['restart'], (o) => {
    putOutput(channelId, o);
    toast(`Output ${label()} restarting.`);
  }));
  edit.addEventListener('click', () => onEdit(current));
  remove.addEventListener('click', async () => {
    const sure = await confirmAction({
      title: `Remove output ${label()}?`,
      message: `It stops sending to ${current.url} and is deleted. This cannot be undone.`,
      confirmLabel: 'Remove output',
    });
    if (sure) {
      act(remove, 'DELETE', [], () => {
        removeOutput(channelId, current.id);
        toast(`Output ${label()} removed.`);
      });
    }
  });

  row.update = (o) => {
    current = o;
    const st = o.status || {};
    setText(name, label());
    setText(idText, o.id);
    setText(protocol, (o.protocol || '').toUpperCase());
    setText(url, o.url);
    badge.update(st.state);
    setText(since, st.state === 'running' && st.uptimeSeconds !== undefined
      ? `for ${duration(st.uptimeSeconds)}` : `since ${clock(st.since)}`);
    setText(rate, st.state === 'stopped' ? '–' : bitrate(st.bitrate));
    chart.update(store.outputBitrates.get(`${channelId}/${o.id}`));
    setText(link, srtLink(o));
    setText(restarts, count(st.restarts ?? 0));
    setText(lastError, st.lastError ? `${st.lastError} (${clock(st.lastErrorAt)})` : '–');
    setText(cues, cueSummary(st.cues));
    setAttr(cues, 'title', st.cues?.note ?? null);
    setText(toggle, o.enabled ? 'Stop' : 'Start');
    setAttr(toggle, 'data-action', o.enabled ? 'stop' : 'start');
    for (const [button, verb] of [[toggle, o.enabled ? 'Stop' : 'Start'], [restart, 'Restart'], [edit, 'Edit'], [remove, 'Remove']]) {
      setAttr(button, 'aria-label', `${verb} output ${label()}`);
    }
  };
  /** Restart only means something while the output's process should run. */
  row.channelStarted = (started) => {
    const can = Boolean(started && current.enabled);
    restart.disabled = !can;
    setAttr(restart, 'title', can ? null : 'Runs only while the output and its channel are started');
  };
  return row;
}

function srtLink(output) {
  if (output.protocol !== 'srt') return 'n/a';
  const link = output.status?.link || {};
  if (link.rttMs === undefined) return output.status?.connected ? 'connected' : 'not connected';
  return `RTT ${link.rttMs.toFixed(1)} ms\n${count(link.packetsRetransmitted ?? 0)} retransmitted\n${count(link.packetsLost ?? 0)} lost`;
}

function cueSummary(cues) {
  if (!cues) return '–';
  if (!cues.carried) return `not carried (${count(cues.seen)} seen)`;
  const forwarded = cues.forwarded ?? 0;
  return `${count(forwarded)} of ${count(cues.seen)} forwarded${cues.missing ? `, ${count(cues.missing)} missing` : ''}`;
}

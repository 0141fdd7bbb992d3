// The channels overview: every channel's state, input bitrate with a minute of history,
// outputs running, last cue and alerts; start, stop, create and delete.

import { h, setText, setAttr, syncList } from '../dom.js';
import { api, channelPath } from '../api.js';
import { store, subscribe, putChannel, removeChannel, clusterChannel } from '../store.js';
import { bitrate, ago, clock, inputAddress } from '../format.js';
import { stateBadge } from '../components/state-badge.js';
import { sparkline } from '../components/sparkline.js';
import { confirmAction } from '../components/confirm.js';
import { toast } from '../components/notify.js';
import { channelAlerts } from '../alerts.js';
import { channelForm } from './channel-form.js';
import { thumbnailWall } from './thumbnail-wall.js';
import { ownerBadge } from '../components/owner-badge.js';

/** The overview's layout, remembered in this browser: "list" (the table) or "grid" (the picture wall). */
const LAYOUT_KEY = 'overview-layout';

/** Mounts the overview in `root`; returns a function that unmounts it. */
export function overviewView(root, { user, navigate }) {
  const heading = h('h1', { tabindex: '-1' }, 'Channels');
  const summary = h('p', { class: 'page__summary', 'aria-live': 'off' });
  const formSlot = h('div');
  const newButton = user.canChange
    ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-channel', 'aria-expanded': 'false' }, '+ New channel')
    : null;
  const rows = h('tbody');
  const stateHeading = h('th', { scope: 'col' }, 'State');
  const caption = h('caption', { class: 'visually-hidden' }, 'Channels, with state, input bitrate, outputs, last cue and alerts');
  const table = h('table', { class: 'table table--channels' },
    caption,
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Channel'),
      stateHeading,
      h('th', { scope: 'col' }, 'Input bitrate'),
      h('th', { scope: 'col' }, 'Outputs'),
      h('th', { scope: 'col' }, 'Last cue'),
      h('th', { scope: 'col' }, 'Alerts'),
      user.canChange ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
    rows);
  const empty = h('div', { class: 'empty card', hidden: true },
    h('p', {}, 'No channels yet.'),
    h('p', { class: 'muted' }, user.canChange
      ? 'Create one for each MediaLive channel: it needs the UDP port MediaLive sends to. Or start the server with --demo to see a test channel.'
      : 'An operator has not created any channel yet.'));
  const loading = h('p', { class: 'muted' }, 'Loading channels…');
  const wall = thumbnailWall();
  let layout = localStorage.getItem(LAYOUT_KEY) === 'grid' ? 'grid' : 'list';
  const layoutButtons = ['list', 'grid'].map((name) => h('button', {
    type: 'button', class: 'btn btn--small', 'data-layout': name, 'aria-pressed': String(layout === name),
    onclick: () => {
      layout = name;
      localStorage.setItem(LAYOUT_KEY, name);
      render();
    },
  }, name === 'list' ? 'List' : 'Pictures'));
  const layoutToggle = h('div', { class: 'layout-toggle', role: 'group', 'aria-label': 'Show channels as' }, layoutButtons);

  root.replaceChildren(h('section', { class: 'page' },
    h('div', { class: 'page__head' }, h('div', {}, heading, summary), h('div', { class: 'actions' }, layoutToggle, newButton)),
    formSlot, loading, empty, h('div', { class: 'table-wrap' }, table), wall));

  function closeForm() {
    formSlot.replaceChildren();
    newButton?.setAttribute('aria-expanded', 'false');
    newButton?.focus();
  }

  newButton?.addEventListener('click', () => {
    if (formSlot.firstChild) return closeForm();
    const form = channelForm({
      onCancel: closeForm,
      onSaved: (channel) => {
        putChannel(channel);
        toast(`Channel "${channel.name || channel.id}" created. Add its outputs here.`);
        navigate(`#/channel/${encodeURIComponent(channel.id)}`);
      },
    });
    formSlot.replaceChildren(form);
    newButton.setAttribute('aria-expanded', 'true');
    form.focusFirst();
  });

  function render() {
    loading.hidden = store.loaded;
    const channels = [...store.channels.values()];
    empty.hidden = !store.loaded || channels.length > 0;
    table.hidden = channels.length === 0 || layout === 'grid';
    wall.hidden = channels.length === 0 || layout !== 'grid';
    layoutButtons.forEach((b) => setAttr(b, 'aria-pressed', String(b.dataset.layout === layout)));
    // cluster mode only: single-node mode never gets the column
    if (store.cluster && !table.querySelector('th[data-column="owner"]')) {
      stateHeading.after(h('th', { scope: 'col', 'data-column': 'owner' }, 'Owner'));
      setText(caption, 'Channels, with state, owning node, input bitrate, outputs, last cue and alerts');
    }
    syncList(rows, channels, (c) => c.id, (c) => channelRow(c, user));
    if (layout === 'grid') wall.update(channels);
    const receiving = channels.filter((c) => c.status?.state === 'receiving').length;
    const running = channels.reduce((n, c) => n + (c.status?.outputsRunning ?? 0), 0);
    const total = channels.reduce((n, c) => n + (c.status?.outputsTotal ?? 0), 0);
    setText(summary, store.loaded
      ? `${channels.length} channel${channels.length === 1 ? '' : 's'} · ${receiving} receiving · ${running} of ${total} outputs running`
      : '');
  }

  render();
  return subscribe(render);
}

function channelRow(channel, user) {
  const link = h('a', { class: 'row__title', href: `#/channel/${encodeURIComponent(channel.id)}` });
  const meta = h('span', { class: 'muted small' });
  const badge = stateBadge(channel.status?.state);
  const stateCell = h('td', { 'data-label': 'State' }, badge);
  let owner = null;
  const rate = h('span', { class: 'num' });
  const chart = sparkline({ width: 120, height: 28 });
  const outputs = h('span', { class: 'num' });
  const cue = h('span');
  const alerts = h('ul', { class: 'alerts' });
  const toggle = h('button', { type: 'button', class: 'btn btn--small' });
  const remove = h('button', { type: 'button', class: 'btn btn--small btn--quiet-danger', 'data-action': 'delete' }, 'Delete');

  const row = h('tr', {},
    h('td', { 'data-label': 'Channel' }, link, h('br'), meta),
    stateCell,
    h('td', { 'data-label': 'Input bitrate' }, h('div', { class: 'rate' }, rate, chart)),
    h('td', { 'data-label': 'Outputs' }, outputs),
    h('td', { 'data-label': 'Last cue' }, cue),
    h('td', { 'data-label': 'Alerts' }, alerts),
    user.canChange ? h('td', { class: 'cell-actions' }, h('div', { class: 'actions' }, toggle, remove)) : null);

  let current = channel;
  toggle.addEventListener('click', () => startOrStop(current, toggle));
  remove.addEventListener('click', () => deleteChannel(current, remove));

  row.update = (c) => {
    current = c;
    const title = c.name || c.id;
    setText(link, title);
    setText(meta, `${c.id} · UDP ${inputAddress(c.input)}`);
    badge.update(c.status?.state);
    if (store.cluster && !owner) {
      owner = ownerBadge();
      stateCell.after(h('td', { 'data-label': 'Owner' }, owner));
    }
    owner?.update(clusterChannel(c.id), store.cluster);
    setText(rate, c.status?.state === 'stopped' ? '–' : bitrate(c.status?.bitrate));
    chart.update(store.bitrates.get(c.id));
    // a stopped channel has no bitrate to chart: a flat zero line would only look like an outage
    setAttr(chart, 'visibility', c.status?.state === 'stopped' ? 'hidden' : null);
    setText(outputs, `${c.status?.outputsRunning ?? 0} / ${c.status?.outputsTotal ?? 0} running`);
    if (c.lastCue) {
      setText(cue, `${c.lastCue.command} #${c.lastCue.eventId ?? '–'} · ${ago(c.lastCue.time, store.time ?? Date.now())}`);
      setAttr(cue, 'title', `at ${clock(c.lastCue.time)}`);
    } else {
      setText(cue, '–');
      setAttr(cue, 'title', null);
    }
    const list = channelAlerts(c);
    syncList(alerts, list.length ? list : [{ level: 'ok', text: 'None' }], (a) => `${a.level}:${a.text}`, (a) =>
      h('li', { class: `alert alert--${a.level}` },
        h('span', { class: 'alert__icon', 'aria-hidden': 'true' }, a.level === 'ok' ? '✓' : a.level === 'bad' ? '✕' : '!'),
        a.level === 'ok' ? null : h('span', { class: 'visually-hidden' }, a.level === 'bad' ? 'Problem: ' : 'Warning: '),
        a.text));
    setText(toggle, c.started ? 'Stop' : 'Start');
    setAttr(toggle, 'data-action', c.started ? 'stop' : 'start');
    setAttr(toggle, 'aria-label', `${c.started ? 'Stop' : 'Start'} channel ${title}`);
    setAttr(remove, 'aria-label', `Delete channel ${title}`);
  };
  return row;
}

/** Starting is harmless; stopping takes every output of the channel off air, so it asks first. */
export async function startOrStop(channel, button) {
  const title = channel.name || channel.id;
  if (channel.started) {
    const sure = await confirmAction({
      title: `Stop channel ${title}?`,
      message: `It stops receiving and its ${channel.outputs?.length ?? 0} output(s) stop sending until you start it again.`,
      confirmLabel: 'Stop channel',
    });
    if (!sure) return;
  }
  button.disabled = true;
  try {
    putChannel(await api.post(channelPath(channel.id, channel.started ? 'stop' : 'start')));
    toast(`Channel ${title} ${channel.started ? 'stopped' : 'started'}.`);
  } catch (refused) {
    toast(`Channel ${title}: ${refused.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

/** Resolves true once the channel is deleted. */
export async function deleteChannel(channel, button) {
  const title = channel.name || channel.id;
  const sure = await confirmAction({
    title: `Delete channel ${title}?`,
    message: `Its ${channel.outputs?.length ?? 0} output(s) stop and are deleted with it. This cannot be undone.`,
    confirmLabel: 'Delete channel',
  });
  if (!sure) return false;
  button.disabled = true;
  try {
    await api.delete(channelPath(channel.id));
    removeChannel(channel.id);
    toast(`Channel ${title} deleted.`);
    return true;
  } catch (refused) {
    toast(`Channel ${title}: ${refused.message}`, 'error');
    return false;
  } finally {
    button.disabled = false;
  }
}

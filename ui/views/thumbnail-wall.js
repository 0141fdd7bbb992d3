// The overview as a wall: one tile per channel with its picture, and its name, state and
// alerts over it, as a monitoring wall shows them (in cluster mode its owning node under the
// name). A tile opens the channel's page.

import { h, setText, setAttr, syncList } from '../dom.js';
import { store, clusterChannel } from '../store.js';
import { ownerBadge } from '../components/owner-badge.js';
import { stateBadge } from '../components/state-badge.js';
import { thumbnail } from '../components/thumbnail.js';
import { channelAlerts } from '../alerts.js';

/** The wall element; `wall.update(channels)` redraws it in place. */
export function thumbnailWall() {
  const wall = h('ul', { class: 'wall', 'aria-label': 'Channel pictures' });
  wall.update = (channels) => syncList(wall, channels, (c) => c.id, tile);
  return wall;
}

function tile(channel) {
  const picture = thumbnail();
  const name = h('span', { class: 'tile__name' });
  const badge = stateBadge(channel.status?.state);
  const alerts = h('ul', { class: 'tile__alerts' });
  const title = h('div', { class: 'tile__title' }, name);
  let owner = null;
  const link = h('a', { class: 'tile__link', href: `#/channel/${encodeURIComponent(channel.id)}` },
    picture, h('div', { class: 'tile__top' }, title, badge), alerts);
  const el = h('li', { class: 'tile', 'data-channel': channel.id }, link);
  el.update = (c) => {
    setText(name, c.name || c.id);
    badge.update(c.status?.state);
    if (store.cluster && !owner) {
      owner = ownerBadge();
      title.append(h('span', { class: 'tile__owner' }, owner));
    }
    owner?.update(clusterChannel(c.id), store.cluster);
    picture.update(c, store.thumbnails.get(c.id));
    const list = channelAlerts(c);
    setAttr(el, 'data-alerts', String(list.length));
    syncList(alerts, list.slice(0, 2), (a) => `${a.level}:${a.text}`, (a) =>
      h('li', { class: `alert alert--${a.level}` },
        h('span', { class: 'alert__icon', 'aria-hidden': 'true' }, a.level === 'bad' ? '✕' : '!'),
        h('span', { class: 'visually-hidden' }, a.level === 'bad' ? 'Problem: ' : 'Warning: '), a.text));
  };
  return el;
}

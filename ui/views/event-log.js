// State changes and problems of this channel and its outputs since the page opened, newest first.

import { h, syncList } from '../dom.js';
import { clock } from '../format.js';

export function eventLog() {
  const list = h('ol', { class: 'events' });
  const empty = h('p', { class: 'muted' }, 'Nothing has happened since this page opened.');
  const el = h('section', { class: 'card', 'aria-labelledby': 'events-title' },
    h('h2', { id: 'events-title' }, 'Recent events'), empty, list);
  return {
    el,
    update(events) {
      empty.hidden = events.length > 0;
      syncList(list, events, (e) => `${e.time}|${e.type}|${e.output ?? ''}|${e.to ?? e.message ?? ''}`, (e) =>
        h('li', { class: `event event--${e.type}` },
          h('time', { datetime: e.time, class: 'muted small' }, clock(e.time)), ' ', describe(e)));
    },
  };
}

function describe(e) {
  const who = e.output ? `Output ${e.output}` : 'Channel';
  if (e.type === 'error') return `${who}: ${e.message}`;
  if (e.type === 'input-switch') return `Input switched: ${e.from} → ${e.to} (${e.reason})`;
  return `${who}: ${e.from} → ${e.to}${e.reason ? ` (${e.reason})` : ''}`;
}

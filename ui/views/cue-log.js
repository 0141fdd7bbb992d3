// The channel's SCTE-35 cue log, newest first: what was announced, for when, and whether
// the section arrived intact.

import { h, setText, syncList } from '../dom.js';
import { clock } from '../format.js';

export function cueLog() {
  const rows = h('tbody');
  const empty = h('p', { class: 'muted' }, 'No SCTE-35 cue seen yet. Cues appear here the moment the input carries one.');
  const table = h('table', { class: 'table table--cues' },
    h('caption', { class: 'visually-hidden' }, 'SCTE-35 cues, newest first'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Received'), h('th', { scope: 'col' }, 'Command'), h('th', { scope: 'col' }, 'Event'),
      h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Splice at'), h('th', { scope: 'col' }, 'Break'),
      h('th', { scope: 'col' }, 'PID'), h('th', { scope: 'col' }, 'CRC'))),
    rows);
  const count = h('span', { class: 'muted small' });
  const el = h('section', { class: 'card', 'aria-labelledby': 'cues-title' },
    h('h2', { id: 'cues-title' }, 'SCTE-35 cue log ', count), empty, h('div', { class: 'table-wrap table-wrap--scroll', role: 'region', tabindex: '0', 'aria-label': 'SCTE-35 cues, scrollable' }, table));
  let known = null;

  return {
    el,
    update(cues) {
      empty.hidden = cues.length > 0;
      table.hidden = cues.length === 0;
      setText(count, cues.length ? `(${cues.length})` : '');
      const newestFirst = [...cues].reverse();
      syncList(rows, newestFirst, cueKey, (cue) => {
        const row = cueRow(cue);
        // a cue that arrives while the page is open is marked for a moment
        if (known !== null) row.classList.add('fresh');
        return row;
      });
      known = cues.length;
    },
  };
}

function cueKey(cue) {
  return `${cue.time}|${cue.pid}|${cue.eventId ?? ''}|${cue.pts ?? ''}`;
}

function cueRow(cue) {
  const type = cue.cancel ? 'cancel' : cue.outOfNetwork === true ? 'out (to ad break)' : cue.outOfNetwork === false ? 'in (back to network)' : '–';
  const at = cue.immediate ? 'immediately' : cue.ptsSeconds !== undefined && cue.ptsSeconds !== null ? `PTS ${cue.ptsSeconds.toFixed(3)} s` : '–';
  const span = cue.breakSeconds !== undefined && cue.breakSeconds !== null
    ? `${cue.breakSeconds} s${cue.autoReturn ? ', auto-return' : ''}` : '–';
  const crc = h('td', { 'data-label': 'CRC', class: cue.crcValid === false ? 'bad' : '' }, cue.crcValid === false ? '✕ invalid' : '✓ valid');
  const row = h('tr', { title: cue.time },
    h('td', { 'data-label': 'Received' }, clock(cue.time)),
    h('td', { 'data-label': 'Command' }, cue.command || '–'),
    h('td', { 'data-label': 'Event', class: 'num' }, cue.eventId ?? '–'),
    h('td', { 'data-label': 'Type' }, type),
    h('td', { 'data-label': 'Splice at' }, at),
    h('td', { 'data-label': 'Break' }, span),
    h('td', { 'data-label': 'PID', class: 'num' }, cue.pid ?? '–'),
    crc);
  row.update = () => {};
  return row;
}


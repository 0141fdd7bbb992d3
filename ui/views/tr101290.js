// The input's ETSI TR 101 290 priority 1 and 2 indicators: how often each was raised and when
// last, from channel.stream.tr101290 (every snapshot carries all eleven).

import { h, setText, syncList } from '../dom.js';
import { store } from '../store.js';
import { count, ago, clock } from '../format.js';

const NAMES = {
  ts_sync_loss: 'TS sync loss',
  sync_byte_error: 'Sync byte error',
  pat_error: 'PAT error',
  continuity_count_error: 'Continuity count error',
  pmt_error: 'PMT error',
  pid_error: 'PID error',
  transport_error: 'Transport error',
  crc_error: 'CRC error',
  pcr_repetition_error: 'PCR repetition error',
  pcr_discontinuity_indicator_error: 'PCR discontinuity error',
  pts_error: 'PTS error',
};

/** The card; update(channel) refreshes it in place. */
export function tr101290Section() {
  const rows = h('tbody');
  const table = h('table', { class: 'table table--tr101290' },
    h('caption', { class: 'visually-hidden' }, 'TR 101 290 indicators of the input'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Indicator'), h('th', { scope: 'col' }, 'Priority'), h('th', { scope: 'col' }, 'Clause'),
      h('th', { scope: 'col' }, 'Count'), h('th', { scope: 'col' }, 'Last'))),
    rows);
  const el = h('section', { class: 'card', 'aria-labelledby': 'tr101290-title', 'data-section': 'tr101290' },
    h('h2', { id: 'tr101290-title' }, 'TR 101 290'),
    h('p', { class: 'muted small' }, 'ETSI TR 101 290 priority 1 and 2 checks of the input since the channel was created. '
      + 'A priority 1 error makes the channel\'s health DEGRADED for a while.'),
    h('div', { class: 'table-wrap' }, table));
  return {
    el,
    update(channel) {
      const now = store.time ?? Date.now();
      syncList(rows, channel.stream?.tr101290 || [], (i) => i.indicator, (i) => {
        const cells = [h('td', { 'data-label': 'Indicator' }), h('td', { 'data-label': 'Priority', class: 'num' }),
          h('td', { 'data-label': 'Clause' }), h('td', { 'data-label': 'Count', class: 'num' }), h('td', { 'data-label': 'Last' })];
        const row = h('tr', { 'data-indicator': i.indicator }, ...cells);
        row.update = (x) => {
          setText(cells[0], NAMES[x.indicator] || x.indicator);
          setText(cells[1], String(x.priority));
          setText(cells[2], x.clause);
          setText(cells[3], count(x.count));
          setText(cells[4], x.lastAt ? `${clock(x.lastAt)} (${ago(x.lastAt, now)})` : 'never');
          cells[3].classList.toggle('bad', x.count > 0 && x.priority === 1);
        };
        return row;
      });
    },
  };
}

/** "25 fps", "arriving", "none" for an audio or video PID; '–' for others. */
export function frames(activity) {
  if (!activity) return '–';
  if (!activity.carriesFrames) return 'none';
  return activity.frameRate ? `${activity.frameRate} fps` : 'arriving';
}

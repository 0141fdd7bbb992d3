// A small live line chart, hand-drawn in SVG: the last minute of a bitrate. Time runs along
// the x axis, so a spell without figures (the server restarting) shows as a gap.

import { svg, setAttr } from '../dom.js';

const WINDOW_MS = 60000;
/** Snapshots come every second: a longer silence breaks the line. */
const GAP_MS = 2500;

/**
 * `chart.update(points)` redraws from [{t, bitrate}] (oldest first, t in ms). The chart is
 * decorative for assistive technology: the figure next to it carries the same news.
 */
export function sparkline({ width = 120, height = 28 } = {}) {
  const area = svg('path', { class: 'spark__area' });
  const line = svg('path', { class: 'spark__line', fill: 'none' });
  const dot = svg('circle', { class: 'spark__dot', r: 2 });
  const chart = svg('svg', {
    class: 'spark', viewBox: `0 0 ${width} ${height}`, width, height,
    preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false',
  }, area, line, dot);

  chart.update = (points) => {
    const newest = points?.length ? points[points.length - 1].t : 0;
    const shown = (points || []).filter((p) => newest - p.t <= WINDOW_MS);
    if (shown.length === 0) {
      setAttr(line, 'd', '');
      setAttr(area, 'd', '');
      setAttr(dot, 'visibility', 'hidden');
      return;
    }
    const top = Math.max(...shown.map((p) => p.bitrate)) * 1.15 || 1;
    const x = (p) => (width - ((newest - p.t) / WINDOW_MS) * width).toFixed(1);
    const y = (p) => (height - 2 - (p.bitrate / top) * (height - 4)).toFixed(1);
    let lineD = '';
    let areaD = '';
    let segment = [];
    const flush = () => {
      if (segment.length === 0) return;
      const first = segment[0];
      const last = segment[segment.length - 1];
      lineD += `M${x(first)},${y(first)}${segment.slice(1).map((p) => ` L${x(p)},${y(p)}`).join('')} `;
      if (segment.length === 1) lineD += 'h1 ';
      areaD += `M${x(first)},${height} ${segment.map((p) => `L${x(p)},${y(p)}`).join(' ')} L${x(last)},${height} Z `;
      segment = [];
    };
    shown.forEach((p, i) => {
      if (i > 0 && p.t - shown[i - 1].t > GAP_MS) flush();
      segment.push(p);
    });
    flush();
    setAttr(line, 'd', lineD.trim());
    setAttr(area, 'd', areaD.trim());
    const last = shown[shown.length - 1];
    setAttr(dot, 'cx', x(last));
    setAttr(dot, 'cy', y(last));
    setAttr(dot, 'visibility', 'visible');
  };
  return chart;
}

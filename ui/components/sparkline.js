// A small live line chart, hand-drawn in SVG: the last minute of a bitrate.

import { svg, setAttr } from '../dom.js';

/**
 * `sparkline.update(points)` redraws from [{t, bitrate}] (oldest first). The chart is
 * decorative for assistive technology: the figure next to it carries the same news.
 */
export function sparkline({ width = 120, height = 28, points: capacity = 60 } = {}) {
  const area = svg('path', { class: 'spark__area' });
  const line = svg('polyline', { class: 'spark__line', fill: 'none' });
  const dot = svg('circle', { class: 'spark__dot', r: 2 });
  const chart = svg('svg', {
    class: 'spark', viewBox: `0 0 ${width} ${height}`, width, height,
    preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false',
  }, area, line, dot);

  chart.update = (points) => {
    const values = (points || []).map((p) => p.bitrate);
    if (values.length === 0) {
      setAttr(line, 'points', '');
      setAttr(area, 'd', '');
      setAttr(dot, 'visibility', 'hidden');
      return;
    }
    const top = Math.max(...values) * 1.15 || 1;
    const step = width / Math.max(1, capacity - 1);
    // newest point at the right edge; a young history grows from the right
    const offset = (capacity - values.length) * step;
    const xy = values.map((v, i) => [offset + i * step, height - 2 - (v / top) * (height - 4)]);
    const coords = xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    setAttr(line, 'points', coords);
    setAttr(area, 'd', `M${xy[0][0].toFixed(1)},${height} L${coords.replaceAll(' ', ' L')} L${xy[xy.length - 1][0].toFixed(1)},${height} Z`);
    const [lastX, lastY] = xy[xy.length - 1];
    setAttr(dot, 'cx', lastX.toFixed(1));
    setAttr(dot, 'cy', lastY.toFixed(1));
    setAttr(dot, 'visibility', 'visible');
  };
  return chart;
}

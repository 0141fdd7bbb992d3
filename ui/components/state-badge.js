// A state shown three ways at once: a word, a colour and a shape, so it reads without colour
// (colour-blind operators, grey-scale wall monitors) and without shape (screen readers).

import { h, svg, setText, setAttr } from '../dom.js';

/** State word -> tone (the colour) and shape. Channel and output states share the vocabulary. */
const LOOKS = {
  running: { tone: 'good', shape: 'disc' },
  receiving: { tone: 'good', shape: 'disc' },
  starting: { tone: 'busy', shape: 'half' },
  waiting: { tone: 'warn', shape: 'ring' },
  retrying: { tone: 'warn', shape: 'triangle' },
  failed: { tone: 'bad', shape: 'cross' },
  error: { tone: 'bad', shape: 'cross' },
  stopped: { tone: 'idle', shape: 'square' },
};

/** Shown after the state word where it alone could mislead. */
const HINTS = {
  waiting: 'no signal',
};

function shape(name) {
  switch (name) {
    case 'disc':
      return svg('circle', { cx: 6, cy: 6, r: 5 });
    case 'half':
      return svg('path', { d: 'M6 1a5 5 0 1 1 0 10a5 5 0 1 1 0-10zm0 2v6a3 3 0 0 0 0-6z', 'fill-rule': 'evenodd' });
    case 'ring':
      return svg('circle', { cx: 6, cy: 6, r: 4, fill: 'none', 'stroke-width': 2 });
    case 'triangle':
      return svg('path', { d: 'M6 1 11.5 11h-11z' });
    case 'cross':
      return svg('path', { d: 'M2 1 6 5 10 1 11 2 7 6 11 10 10 11 6 7 2 11 1 10 5 6 1 2z' });
    default:
      return svg('rect', { x: 1.5, y: 1.5, width: 9, height: 9, fill: 'none', 'stroke-width': 2 });
  }
}

/** A badge that can be updated in place: `badge.update(state)`. */
export function stateBadge(state) {
  const icon = svg('svg', { viewBox: '0 0 12 12', width: 12, height: 12, 'aria-hidden': 'true', class: 'state__icon' });
  const word = h('span', { class: 'state__word' });
  const badge = h('span', { class: 'state' }, icon, word);
  let shown = null;
  badge.update = (next) => {
    if (next === shown) return;
    shown = next;
    const look = LOOKS[next] || { tone: 'idle', shape: 'square' };
    badge.className = `state state--${look.tone}`;
    setAttr(badge, 'data-state', next);
    icon.replaceChildren(shape(look.shape));
    setText(word, HINTS[next] ? `${next} (${HINTS[next]})` : next || 'unknown');
  };
  badge.update(state);
  return badge;
}

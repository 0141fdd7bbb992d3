// Server-wide warnings an operator must act on, as a banner under the header. Today one: other
// local users of the server can read the output processes' command lines, secrets included
// (/actuator/health/processVisibility, checked once when the server starts).

import { h } from './dom.js';

export async function showServerWarnings() {
  let health;
  try {
    const response = await fetch('/actuator/health/processVisibility', { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) return;
    health = await response.json();
  } catch (unreachable) {
    return;  // the connection pill reports outages
  }
  const warning = health?.details?.warning;
  if (!warning) return;
  const banner = h('div', { id: 'server-warning', class: 'banner', role: 'alert' },
    h('span', { class: 'banner__icon', 'aria-hidden': 'true' }, '!'),
    h('span', { class: 'banner__text' }, `Security: ${warning}.`));
  document.getElementById('banner').after(banner);
}

// Short messages for the operator: toasts that fade out, and a polite live region that
// reads state changes to screen-reader users.

import { h } from '../dom.js';

const TOAST_MS = 6000;
/** More than this at once would cover the page: the oldest make way. */
const TOASTS_SHOWN = 3;

/** Shows `message`; kind "error" stays until dismissed, being something to act on. */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  if (!region) return;
  const close = h('button', { type: 'button', class: 'toast__close', 'aria-label': 'Dismiss message' }, '×');
  const item = h('div', { class: `toast toast--${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', { class: 'toast__text' }, message), close);
  close.addEventListener('click', () => item.remove());
  region.append(item);
  while (region.children.length > TOASTS_SHOWN) {
    // errors wait for the operator; passing news goes first
    (region.querySelector('.toast:not(.toast--error)') || region.firstElementChild).remove();
  }
  if (kind !== 'error') setTimeout(() => item.remove(), TOAST_MS);
}

let lastAnnouncement = '';

/** Reads `message` out through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region || message === lastAnnouncement) return;
  lastAnnouncement = message;
  region.textContent = message;
}

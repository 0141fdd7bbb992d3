// Asks before anything that cannot be undone, in a native modal <dialog>: focus moves into it,
// Escape cancels, and focus returns to the button that opened it.

import { h } from '../dom.js';

/** Resolves true when the operator confirms. */
export function confirmAction({ title, message, confirmLabel, danger = true }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const cancel = h('button', { type: 'button', class: 'btn', 'data-action': 'cancel' }, 'Cancel');
    const confirm = h('button', { type: 'submit', class: danger ? 'btn btn--danger' : 'btn btn--primary', 'data-action': 'confirm' }, confirmLabel);
    const heading = h('h2', { id: 'confirm-title' }, title);
    const text = h('p', { id: 'confirm-text' }, message);
    const form = h('form', { method: 'dialog' }, heading, text, h('div', { class: 'dialog__actions' }, cancel, confirm));
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' }, form);
    let answer = false;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', () => { answer = true; });
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && document.contains(opener)) opener.focus();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    // the safe choice has focus: Enter on a stray key press must not delete anything
    cancel.focus();
  });
}

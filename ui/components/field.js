// Labelled form fields that check themselves as the operator types.

import { h, setText, setAttr } from '../dom.js';

let serial = 0;

/**
 * A labelled input with a hint and an error line, both tied to it for screen readers.
 * `check(value, form)` returns a message or null. Errors show once the field was typed in
 * or the form was submitted, not while it is still untouched.
 */
export function field({ label, name, hint = '', check = () => null, type = 'text', value = '', placeholder = '',
  required = false, inputmode, autocomplete = 'off', readonly = false }) {
  const id = `f-${name}-${++serial}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const input = h('input', {
    id, name, type, value, placeholder, inputmode, autocomplete, readonly,
    required, 'aria-required': required ? 'true' : null,
    'aria-describedby': `${hint ? hintId : ''} ${errorId}`.trim(),
    spellcheck: 'false', autocapitalize: 'off',
  });
  const error = h('p', { id: errorId, class: 'field__error', 'aria-live': 'polite' });
  const wrapper = h('div', { class: 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'field__required', 'aria-hidden': 'true' }, ' *') : null),
    input,
    hint ? h('p', { id: hintId, class: 'field__hint' }, hint) : null,
    error);
  let touched = false;

  const state = {
    wrapper, input, name,
    get value() { return input.value.trim(); },
    /** Shows the field's error (if touched or `force`); returns the message or null. */
    validate(force = false) {
      const message = check(input.value.trim());
      if (force) touched = true;
      const shown = touched ? message : null;
      setText(error, shown ? `⚠ ${shown}` : '');
      setAttr(input, 'aria-invalid', shown ? 'true' : null);
      wrapper.classList.toggle('field--invalid', Boolean(shown));
      return message;
    },
    reset(next = '') {
      input.value = next;
      touched = false;
      state.validate();
    },
  };
  input.addEventListener('input', () => {
    touched = true;
    state.validate();
  });
  input.addEventListener('blur', () => {
    if (input.value !== '') touched = true;
    state.validate();
  });
  return state;
}

/** A labelled checkbox. */
export function checkbox({ label, name, checked = false, hint = '' }) {
  const id = `f-${name}-${++serial}`;
  const input = h('input', { id, name, type: 'checkbox', checked });
  const wrapper = h('div', { class: 'field field--check' },
    input, h('label', { for: id }, label), hint ? h('p', { class: 'field__hint' }, hint) : null);
  return { wrapper, input, name, get value() { return input.checked; } };
}

/** A labelled select; `options` are [value, label] pairs. */
export function choice({ label, name, options, hint = '' }) {
  const id = `f-${name}-${++serial}`;
  const hintId = `${id}-hint`;
  const input = h('select', { id, name, 'aria-describedby': hint ? hintId : null },
    options.map(([value, text]) => h('option', { value }, text)));
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), input,
    hint ? h('p', { id: hintId, class: 'field__hint' }, hint) : null);
  return { wrapper, input, name, get value() { return input.value; } };
}

/**
 * Checks every field; focuses the first wrong one. Returns true when all are fine.
 */
export function validateAll(fields) {
  let first = null;
  for (const f of fields) {
    if (f.validate && f.validate(true) && !first) first = f;
  }
  if (first) first.input.focus();
  return !first;
}

/** The form-level message box: the server's own words when it refuses. */
export function formError() {
  const box = h('div', { class: 'form-error', role: 'alert', hidden: true });
  return {
    el: box,
    show(message) {
      box.replaceChildren(h('strong', {}, 'Not saved: '), message);
      box.hidden = false;
    },
    clear() {
      box.hidden = true;
      box.replaceChildren();
    },
  };
}

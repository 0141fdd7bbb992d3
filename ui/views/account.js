// "Your account" (#/account): every user changes their own password here. The server then
// ends all of that user's sessions, this one too, so the page goes to the login form.

import { h } from '../dom.js';
import { api } from '../api.js';
import { field, validateAll, formError } from '../components/field.js';

const checkNew = (v) => (v.length < 10 || v.length > 200 ? 'Use 10 to 200 characters.' : null);

export function accountView(main, { user }) {
  document.title = 'Your account · MediaLive Distributor';
  const current = field({ label: 'Current password', name: 'current', type: 'password', required: true,
    autocomplete: 'current-password', check: (v) => (v ? null : 'Enter the password you logged in with.') });
  const next = field({ label: 'New password', name: 'password', type: 'password', required: true,
    autocomplete: 'new-password', hint: '10 to 200 characters.', check: checkNew });
  const repeat = field({ label: 'New password again', name: 'repeat', type: 'password', required: true,
    autocomplete: 'new-password', check: (v) => (v === next.value ? null : 'The two new passwords differ.') });
  const fields = [current, next, repeat];
  const error = formError();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, 'Change password');
  const form = h('form', { class: 'form card', 'aria-labelledby': 'password-title', novalidate: true },
    h('h2', { id: 'password-title' }, 'Change your password'),
    h('p', { class: 'muted small' }, 'This logs you out everywhere, this browser included: log in again with the new password.'),
    h('div', { class: 'form__grid' }, current.wrapper, next.wrapper, repeat.wrapper),
    error.el,
    h('div', { class: 'form__actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    if (!validateAll(fields)) return;
    submit.disabled = true;
    try {
      await api.post('/api/me/password', { current: current.input.value, password: next.input.value });
      window.location.assign('/login?password-changed');
    } catch (refused) {
      error.show(refused.message);
      submit.disabled = false;
    }
  });
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Your account'),
    h('p', { class: 'muted' }, `Signed in as ${user.name ?? '…'} (${user.role ?? '…'}).`), form);
  return () => {};
}

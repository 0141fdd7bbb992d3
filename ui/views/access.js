// "Users and tokens" (#/access), for admins: who may log in with which role, and the API
// tokens scripts use. A new token's value is shown once, right after it was made.

import { h } from '../dom.js';
import { api } from '../api.js';
import { field, validateAll, formError } from '../components/field.js';
import { confirmAction } from '../components/confirm.js';
import { toast } from '../components/notify.js';

const ROLES = ['viewer', 'operator', 'admin'];

function roleSelect(name) {
  return h('select', { name, 'aria-label': 'Role' }, ROLES.map((r) => h('option', { value: r }, r)));
}

export function accessView(main, { user }) {
  document.title = 'Users and tokens · MediaLive Distributor';
  if (!user.isAdmin) {
    main.replaceChildren(h('h1', { tabindex: '-1' }, 'Users and tokens'),
      h('p', { class: 'muted' }, 'Only admins manage users and API tokens.'));
    return () => {};
  }
  const usersBody = h('tbody');
  const tokensBody = h('tbody');
  const issued = h('div', { class: 'card', role: 'status', hidden: true });

  async function load() {
    try {
      const [users, tokens] = await Promise.all([api.get('/api/users'), api.get('/api/tokens')]);
      usersBody.replaceChildren(...users.map(userRow));
      tokensBody.replaceChildren(...tokens.map(tokenRow));
    } catch (refused) {
      toast(refused.message, 'error');
    }
  }

  function userRow(u) {
    const setPassword = h('button', { type: 'button', class: 'btn btn--small' }, 'Set password');
    const remove = h('button', { type: 'button', class: 'btn btn--small btn--quiet-danger' }, 'Delete');
    setPassword.addEventListener('click', async () => {
      const password = window.prompt(`New password for ${u.username} (10 to 200 characters). Their sessions end.`);
      if (!password) return;
      try {
        await api.put(`/api/users/${encodeURIComponent(u.username)}/password`, { password });
        toast(`Password of ${u.username} set; their sessions ended.`);
        if (u.username === user.name) window.location.assign('/login');
      } catch (refused) {
        toast(refused.message, 'error');
      }
    });
    remove.addEventListener('click', async () => {
      if (!(await confirmAction({ title: `Delete user ${u.username}?`, message: 'They are logged out at once and can no longer log in.', confirmLabel: 'Delete user' }))) return;
      try {
        await api.delete(`/api/users/${encodeURIComponent(u.username)}`);
        toast(`User ${u.username} deleted.`);
        load();
      } catch (refused) {
        toast(refused.message, 'error');
      }
    });
    return h('tr', { 'data-user': u.username }, h('td', { 'data-label': 'User' }, u.username),
      h('td', { 'data-label': 'Role' }, u.role), h('td', {}, setPassword, ' ', remove));
  }

  function tokenRow(t) {
    const revoke = h('button', { type: 'button', class: 'btn btn--small btn--quiet-danger' }, 'Revoke');
    revoke.addEventListener('click', async () => {
      if (!(await confirmAction({ title: `Revoke token ${t.name}?`, message: 'Scripts using it are refused at once.', confirmLabel: 'Revoke token' }))) return;
      try {
        await api.delete(`/api/tokens/${encodeURIComponent(t.id)}`);
        toast(`Token ${t.name} revoked.`);
        load();
      } catch (refused) {
        toast(refused.message, 'error');
      }
    });
    return h('tr', {}, h('td', { 'data-label': 'Name' }, t.name), h('td', { 'data-label': 'Role' }, t.role),
      h('td', { 'data-label': 'Created by' }, t.createdBy ?? ''), h('td', { 'data-label': 'Created' }, t.created ?? ''),
      h('td', {}, revoke));
  }

  const newUser = userForm(load);
  const newToken = tokenForm(async (token) => {
    issued.replaceChildren(h('p', {}, h('strong', {}, `Token "${token.name}" (${token.role}): `),
      'copy it now, it is not shown again.'), h('code', { class: 'token-value' }, token.token));
    issued.hidden = false;
    load();
  });
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Users and tokens'),
    h('h2', {}, 'Users'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table table--users' },
      h('thead', {}, h('tr', {}, h('th', {}, 'User'), h('th', {}, 'Role'), h('th', {}, 'Actions'))), usersBody)),
    newUser,
    h('h2', {}, 'API tokens'),
    issued,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table table--tokens' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Role'), h('th', {}, 'Created by'), h('th', {}, 'Created'), h('th', {}, 'Actions'))),
      tokensBody)),
    newToken);
  load();
  return () => {};
}

function userForm(onCreated) {
  const name = field({ label: 'User name', name: 'username', required: true, hint: 'a-z, 0-9, ".", "_" and "-".',
    check: (v) => (/^[a-z0-9][a-z0-9._-]{0,31}$/.test(v) ? null : 'Use 1 to 32 characters of a-z, 0-9, ".", "_" and "-".') });
  const password = field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'new-password',
    check: (v) => (v.length < 10 || v.length > 200 ? 'Use 10 to 200 characters.' : null) });
  const role = roleSelect('role');
  const error = formError();
  const form = h('form', { class: 'form card', 'aria-label': 'New user', novalidate: true },
    h('h3', {}, 'New user'),
    h('div', { class: 'form__grid' }, name.wrapper, password.wrapper, h('div', { class: 'field' }, h('label', {}, 'Role'), role)),
    error.el, h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'btn btn--primary' }, 'Create user')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    if (!validateAll([name, password])) return;
    try {
      await api.post('/api/users', { username: name.value, password: password.input.value, role: role.value });
      toast(`User ${name.value} created.`);
      name.reset();
      password.reset();
      onCreated();
    } catch (refused) {
      error.show(refused.message);
    }
  });
  return form;
}

function tokenForm(onIssued) {
  const name = field({ label: 'Token name', name: 'tokenName', required: true, hint: 'What uses it, e.g. "grafana".',
    check: (v) => (v && v.length <= 64 ? null : 'Name it in 1 to 64 characters.') });
  const role = roleSelect('tokenRole');
  const error = formError();
  const form = h('form', { class: 'form card', 'aria-label': 'New API token', novalidate: true },
    h('h3', {}, 'New API token'),
    h('div', { class: 'form__grid' }, name.wrapper, h('div', { class: 'field' }, h('label', {}, 'Role'), role)),
    error.el, h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'btn btn--primary' }, 'Create token')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.clear();
    if (!validateAll([name])) return;
    try {
      onIssued(await api.post('/api/tokens', { name: name.value, role: role.value }));
      name.reset();
    } catch (refused) {
      error.show(refused.message);
    }
  });
  return form;
}

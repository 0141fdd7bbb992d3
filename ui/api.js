// The REST API under /api: JSON in and out, errors as {"error": "..."} with the fix in words.

/** A refused request: `message` is the server's own text, meant for the operator. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The CSRF token the server sets as a cookie; every change echoes it in a header. */
function xsrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** A session that expired (or never was) sends the operator to the login page. */
function toLogin() {
  window.location.assign('/login');
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = xsrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (unreachable) {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 401) {
    toLogin();
    throw new ApiError(401, 'Your session has ended. Please log in again.');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' ? json.error
      : `The server answered ${response.status} ${response.statusText}`.trim();
    throw new ApiError(response.status, message);
  }
  return json;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  delete: (path) => request('DELETE', path),
};

/** Who is logged in, whether they may change channels (operator) and manage users and tokens (admin). */
export async function loadUser() {
  const me = await api.get('/api/me');
  const roles = Array.isArray(me?.roles) ? me.roles : [];
  return { name: me?.user ?? null, role: roles[roles.length - 1] ?? null,
    canChange: roles.includes('operator'), isAdmin: roles.includes('admin') };
}

/** Ends the session on the server (a change like any other, so it carries the CSRF token), then shows the login page. */
export async function logOut() {
  const token = xsrfToken();
  try {
    await fetch('/logout', {
      method: 'POST', credentials: 'same-origin', redirect: 'manual',
      headers: token ? { 'X-XSRF-TOKEN': token } : {},
    });
  } finally {
    window.location.assign('/login?logout');
  }
}

/** Path of a channel, or of one of its outputs, with ids escaped. */
export function channelPath(channelId, ...rest) {
  return ['/api/channels', channelId, ...rest].map((part, i) => (i === 0 ? part : encodeURIComponent(part))).join('/');
}

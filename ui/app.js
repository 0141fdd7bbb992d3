// The dashboard's entry point: who is logged in, the live connection, and hash routing
// between the channels overview (#/), a channel's page (#/channel/<id>), the user's own
// account (#/account) and, for admins, users and tokens (#/access).

import { loadUser, logOut } from './api.js';
import { connectLive } from './live.js';
import { store, receive, setConnection, subscribe } from './store.js';
import { announce } from './components/notify.js';
import { setText } from './dom.js';
import { overviewView } from './views/overview.js';
import { showServerWarnings } from './server-warnings.js';
import { watchCluster } from './cluster.js';
import { channelView } from './views/channel.js';
import { accountView } from './views/account.js';
import { accessView } from './views/access.js';

const main = document.getElementById('main');
const pill = document.getElementById('connection');
const banner = document.getElementById('banner');
const bannerText = document.getElementById('banner-text');
const retryButton = document.getElementById('banner-retry');
const userBox = document.getElementById('user');
const logoutButton = document.getElementById('logout');
const accountLink = document.getElementById('account-link');
const accessLink = document.getElementById('access-link');
logoutButton.addEventListener('click', () => logOut());

/** Until /api/me answers, nothing may be changed. */
let user = { name: null, canChange: false, isAdmin: false, known: false };
let unmount = null;

function route() {
  if (location.hash === '#/account') return { view: 'account' };
  if (location.hash === '#/access') return { view: 'access' };
  const match = location.hash.match(/^#\/channel\/([^/]+)$/);
  return match ? { view: 'channel', id: decodeURIComponent(match[1]) } : { view: 'overview' };
}

/** Mounts the view the address names; moves focus to its heading when the operator navigated. */
function show({ focus = true } = {}) {
  const where = route();
  unmount?.();
  const views = {
    channel: () => channelView(main, { id: where.id, user, navigate }),
    account: () => accountView(main, { user }),
    access: () => accessView(main, { user }),
    overview: () => overviewView(main, { user, navigate }),
  };
  unmount = views[where.view]();
  if (where.view === 'overview') document.title = 'MediaLive Distributor';
  if (focus) main.querySelector('h1')?.focus();
}

function navigate(hash) {
  if (location.hash === hash) show();
  else location.hash = hash;
}

window.addEventListener('hashchange', () => show());

async function refreshUser() {
  try {
    const next = { ...(await loadUser()), known: true };
    const changed = next.canChange !== user.canChange || next.isAdmin !== user.isAdmin
      || (!user.known && ['account', 'access'].includes(route().view)); // these pages show who is logged in
    user = next;
    setText(userBox, `Signed in as ${user.name}${user.canChange ? '' : ' (view only)'}`);
    logoutButton.hidden = false;
    accountLink.hidden = false;
    accessLink.hidden = !user.isAdmin; // operators and viewers get no page whose every button would be refused
    if (changed) show({ focus: false });
  } catch (unreachable) {
    // the live connection reports the outage; the next reconnect asks again
  }
}

/** The header pill and, when the link is down, the banner with its countdown. */
function showConnection() {
  const { state, retryAt } = store.connection;
  pill.dataset.state = state;
  setText(pill.querySelector('.connection__word'), state === 'open' ? 'Live' : state === 'lost' ? 'Reconnecting' : 'Connecting');
  const lost = state === 'lost';
  banner.hidden = !lost;
  main.classList.toggle('is-stale', lost);
  if (lost) {
    const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
    setText(bannerText, `Connection lost, reconnecting${seconds > 0 ? ` in ${seconds} s` : ' now'}. The figures below are frozen until then.`);
  }
}

let previousState = null;
subscribe((reason) => {
  if (reason.type === 'connection') {
    const { state } = store.connection;
    if (state !== previousState) {
      if (state === 'lost') announce('Connection to the server lost, reconnecting.');
      if (state === 'open' && previousState === 'lost') announce('Connection restored, figures are live again.');
      // rights may have changed while we were away, or never been read (server down at page load)
      if (state === 'open' && (previousState === 'lost' || !user.known)) refreshUser();
      previousState = state;
    }
    showConnection();
  } else if (reason.type === 'channel-state') {
    announce(`Channel ${reason.channel}: ${reason.to}.`);
  } else if (reason.type === 'output-state') {
    announce(`Output ${reason.output} of ${reason.channel}: ${reason.to}.`);
  }
});
setInterval(() => {
  if (store.connection.state === 'lost') showConnection();
}, 1000);

const live = connectLive({ onMessage: receive, onStatus: setConnection });
retryButton.addEventListener('click', () => live.retryNow());

show({ focus: false });
refreshUser();
showServerWarnings();
watchCluster(document.getElementById('cluster'));

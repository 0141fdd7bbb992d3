// The live feed at /ws: a snapshot of every channel each second, events as they happen.
// When the connection drops the page keeps what it has, says so, and reconnects by itself.

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 5000;
/** No message for this long (snapshots come every second) means the link is dead. */
const SILENCE_MS = 5000;

/**
 * Connects and stays connected. `onMessage(message)` gets every parsed message;
 * `onStatus({state, retryAt, attempt})` gets "connecting", "open" or "lost".
 * Before each new attempt it asks /api/me, so an expired session goes to the login page
 * (a WebSocket handshake cannot report a 401) and a dead server costs one quiet fetch.
 */
export function connectLive({ onMessage, onStatus }) {
  let socket = null;
  let attempt = 0;
  let retryTimer = null;
  let silenceTimer = null;
  let everOpened = false;

  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

  function open() {
    onStatus({ state: everOpened ? 'lost' : 'connecting', attempt, retryAt: null });
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      attempt = 0;
      everOpened = true;
      onStatus({ state: 'open', attempt, retryAt: null });
      watchSilence();
    });
    socket.addEventListener('message', (event) => {
      watchSilence();
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (notJson) {
        return;
      }
      onMessage(message);
    });
    socket.addEventListener('close', () => scheduleRetry());
    socket.addEventListener('error', () => socket?.close());
  }

  function watchSilence() {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => socket?.close(), SILENCE_MS);
  }

  function scheduleRetry() {
    clearTimeout(silenceTimer);
    if (retryTimer) return;
    socket = null;
    attempt += 1;
    const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
    onStatus({ state: everOpened ? 'lost' : 'connecting', attempt, retryAt: Date.now() + delay });
    retryTimer = setTimeout(async () => {
      retryTimer = null;
      if (await serverAnswers()) {
        open();
      } else {
        scheduleRetry();
      }
    }, delay);
  }

  async function serverAnswers() {
    try {
      const response = await fetch('/api/me', { cache: 'no-store', credentials: 'same-origin' });
      if (response.status === 401) {
        location.assign('/login');
        return false;
      }
      return response.status < 500;
    } catch (down) {
      return false;
    }
  }

  open();
  return {
    /** Reconnect now (the operator pressed "Retry now"). */
    retryNow() {
      if (!retryTimer) return;
      clearTimeout(retryTimer);
      retryTimer = null;
      attempt = Math.max(0, attempt - 1);
      open();
    },
  };
}

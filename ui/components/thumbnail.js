// A channel's picture from GET /api/channels/{id}/thumbnail. It is fetched when the channel
// starts receiving, when a `thumbnail` WebSocket message names a new ETag, and every half
// minute in case a message was missed; each fetch sends the ETag it has, so an unchanged
// picture costs a 304. Without a picture it shows why, in words (no signal, stopped, waiting
// for a keyframe, no video).

import { h, setText, setAttr } from '../dom.js';
import { channelPath } from '../api.js';

const REVALIDATE_MS = 30000;

const WHY = {
  'no-signal': 'No signal',
  'no-keyframe-yet': 'Waiting for a keyframe',
  'no-video': 'No video stream',
  disabled: 'Pictures turned off',
};

/** Returns the element; call `el.update(channel, etag)` on every change, `el.dispose()` when it leaves the page. */
export function thumbnail({ large = false } = {}) {
  const img = h('img', { class: 'thumb__img', alt: '', hidden: true, decoding: 'async' });
  const placeholder = h('div', { class: 'thumb__placeholder' }, h('span', { class: 'thumb__why' }));
  const el = h('div', { class: `thumb${large ? ' thumb--large' : ''}`, 'data-picture': 'none' }, img, placeholder);
  let channelId = null;
  let shownEtag = null;
  let wantedEtag;
  let objectUrl = null;
  let loading = false;
  let again = false;
  let lastFetch = 0;
  let receiving = false;

  function showWhy(reason, text) {
    img.hidden = true;
    placeholder.hidden = false;
    setAttr(el, 'data-picture', reason);
    setText(placeholder.firstChild, text);
  }

  async function fetchPicture() {
    if (!channelId) return;
    if (loading) {
      again = true; // a newer picture was announced while this fetch ran
      return;
    }
    loading = true;
    lastFetch = Date.now();
    try {
      const headers = shownEtag ? { 'If-None-Match': shownEtag } : {};
      const response = await fetch(channelPath(channelId, 'thumbnail'), { headers, credentials: 'same-origin', cache: 'no-cache' });
      if (response.status === 304) return;
      if (response.ok) {
        const blob = await response.blob();
        if (objectUrl) URL.revokeObjectURL(objectUrl);
        objectUrl = URL.createObjectURL(blob);
        img.src = objectUrl;
        shownEtag = response.headers.get('ETag');
        img.hidden = false;
        placeholder.hidden = true;
        setAttr(el, 'data-picture', 'shown');
        setAttr(el, 'data-etag', shownEtag);
        return;
      }
      const body = await response.json().catch(() => ({}));
      shownEtag = null;
      showWhy(body.reason || 'none', WHY[body.reason] || 'No picture');
    } catch (unreachable) {
      // the connection banner says so; the picture stays as it was
    } finally {
      loading = false;
      if (again) {
        again = false;
        fetchPicture();
      }
    }
  }

  const timer = setInterval(() => {
    if (!el.isConnected && channelId) {
      el.dispose(); // removed from the page by a redraw
      return;
    }
    if (receiving && Date.now() - lastFetch >= REVALIDATE_MS) fetchPicture();
  }, 5000);

  el.update = (channel, etag) => {
    const state = channel.status?.state;
    const wasReceiving = receiving;
    receiving = state === 'receiving';
    channelId = channel.id;
    setAttr(img, 'alt', `Picture of channel ${channel.name || channel.id}`);
    if (!receiving) {
      shownEtag = null;
      wantedEtag = undefined;
      showWhy(state === 'stopped' ? 'stopped' : 'no-signal', state === 'stopped' ? 'Stopped' : state === 'error' ? 'Input error' : 'No signal');
      return;
    }
    if (!wasReceiving || (etag && etag !== shownEtag && etag !== wantedEtag)) {
      wantedEtag = etag;
      if (!wasReceiving) showWhy('loading', 'Waiting for a keyframe');
      fetchPicture();
    }
  };
  el.dispose = () => {
    clearInterval(timer);
    if (objectUrl) URL.revokeObjectURL(objectUrl);
  };
  return el;
}

// The output kinds the server runs, as GET /api/output-kinds describes them: one per descriptor
// routes/NAME.output-kind.yaml, with a Kamelet-style definition of its URL. The output form takes
// its choices, help and secret parts from here, never from a list of its own.

import { h } from '../dom.js';
import { api } from '../api.js';

let request = null;

/** Fetched once per page: the kinds change only when the server restarts (and the page reloads). */
export function loadOutputKinds() {
  request ??= api.get('/api/output-kinds').then((kinds) => (Array.isArray(kinds) ? kinds : []))
    .catch((failed) => {
      request = null;
      throw failed;
    });
  return request;
}

const entries = (kind) => Object.entries(kind?.definition?.properties ?? {});

/** Titles of the kind's secret URL parts (format: password), e.g. ["Passphrase", "Stream id"]. */
export function secretTitles(kind) {
  return entries(kind).filter(([, p]) => p.format === 'password').map(([, p]) => p.title);
}

/** The kind's description and one line per URL part or option: title, what it is, its default, whether required or secret. */
export function kindHelp(kind) {
  const required = kind.definition?.required ?? [];
  const lines = entries(kind).map(([name, p]) => {
    const notes = [];
    if (required.includes(name)) notes.push('required');
    if (p.default !== undefined) notes.push(`default ${p.default}`);
    if (p.format === 'password') notes.push('secret: shown as *** once saved');
    return h('li', { 'data-property': name, 'data-secret': p.format === 'password' ? 'true' : null },
      h('strong', {}, p.title), ` (${name}${notes.length ? `; ${notes.join('; ')}` : ''}): ${p.description}`);
  });
  return [h('p', {}, kind.definition?.description ?? kind.title), h('ul', { class: 'kind-parts' }, lines)];
}

// A channel with a backupInput (MediaLive's second pipeline): which input feeds the outputs,
// how each input is doing (the standby is watched all the time), the last switch and why,
// and for operators a button to switch.

import { h, setText } from '../dom.js';
import { api, channelPath } from '../api.js';
import { putChannel } from '../store.js';
import { bitrate, clock, count, inputAddress } from '../format.js';
import { confirmAction } from '../components/confirm.js';
import { toast } from '../components/notify.js';

export function redundancySection(id, user) {
  const active = h('strong', { 'data-stat': 'activeInput' });
  const rows = {
    primary: inputRow('Primary'),
    backup: inputRow('Backup'),
  };
  const last = h('p', { class: 'muted small', 'data-stat': 'lastSwitch' });
  const button = h('button', { type: 'button', class: 'btn', 'data-action': 'switch-input' });
  const el = h('section', { class: 'card', 'aria-labelledby': 'redundancy-title', hidden: true },
    h('h2', { id: 'redundancy-title' }, 'Inputs'),
    h('p', {}, 'Feeding the outputs: ', active),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Input'), h('th', { scope: 'col' }, 'Address'),
        h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Bitrate'), h('th', { scope: 'col' }, 'RTP lost (FEC rebuilt)'),
        h('th', { scope: 'col' }, 'Could take over'))),
      h('tbody', {}, rows.primary.el, rows.backup.el)),
    last,
    user.canChange ? h('div', { class: 'actions' }, button) : null);
  let target = null;

  button.addEventListener('click', async () => {
    if (!target) return;
    const sure = await confirmAction({
      title: `Switch to the ${target} input?`,
      message: `Every output continues from the ${target} input, between two datagrams.`
        + (target === 'backup' ? ' It stays there until you switch back or the backup fails.' : ''),
      confirmLabel: `Switch to ${target}`,
    });
    if (!sure) return;
    button.disabled = true;
    try {
      putChannel(await api.post(channelPath(id, 'input', 'switch'), { to: target }));
      toast(`Channel ${id}: switched to the ${target} input.`);
    } catch (refused) {
      toast(`Channel ${id}: ${refused.message}`, 'error');
    } finally {
      button.disabled = false;
    }
  });

  return {
    el,
    update(channel) {
      const failover = channel.failover;
      el.hidden = !failover;
      if (!failover) return;
      setText(active, failover.activeInput === 'backup' ? 'backup input' : 'primary input');
      rows.primary.update(channel.input, channel.inputs?.primary);
      rows.backup.update(channel.backupInput, channel.inputs?.backup);
      const s = failover.lastSwitch;
      setText(last, s ? `Last switch ${clock(s.at)}: ${s.from} → ${s.to} (${s.reason}${s.manual && s.by ? `, by ${s.by}` : ''}); `
        + `${failover.switches} switch(es) since start. Policy: after ${failover.after}, revert ${failover.revert}`
        + `${failover.revert === 'auto' ? ` after ${failover.revertAfter}` : ''}.`
        : `No switch since start. Policy: after ${failover.after}, revert ${failover.revert}`
        + `${failover.revert === 'auto' ? ` after ${failover.revertAfter}` : ''}.`);
      target = failover.activeInput === 'backup' ? 'primary' : 'backup';
      setText(button, `Switch to ${target}`);
      button.hidden = !channel.started;
    },
  };
}

function inputRow(label) {
  const address = h('td', { 'data-label': 'Address' });
  const state = h('td', { 'data-label': 'State' });
  const rate = h('td', { class: 'num', 'data-label': 'Bitrate' });
  const losses = h('td', { class: 'num', 'data-label': 'RTP lost (FEC rebuilt)' });
  const fit = h('td', { 'data-label': 'Could take over' });
  const name = h('th', { scope: 'row' }, label);
  return {
    el: h('tr', {}, name, address, state, rate, losses, fit),
    update(definition, status) {
      setText(name, `${label}${status?.active ? ' (active)' : ''}`);
      setText(address, definition ? inputAddress(definition) : '–');
      setText(state, status?.state ?? '–');
      setText(rate, status && status.state !== 'stopped' ? bitrate(status.bitrate) : '–');
      // each input repairs with its own FEC: the standby's repairs show before it is needed
      setText(losses, !status ? '–' : `${count(status.rtpLost)}${status.fec ? ` (${count(status.fec.recovered)})` : ''}`);
      setText(fit, !status || status.state === 'stopped' ? '–' : status.problem ? `no: ${status.problem}` : 'yes');
    },
  };
}

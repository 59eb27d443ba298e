// The emulator console page: Admin Settings as Dialpad's help article lays it out. Every action
// calls the emulator (same origin, JSON): manual steps through /_emulator/…, everything the API
// can do through /_emulator/api, which runs the API's own handler. So each action meets the same
// business rules and shows the same error message as the API. All text is set with textContent.
'use strict';

const state = { views: null, tab: 'users', search: '', selected: new Set(), optionsFor: null, e911For: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const $ = (id) => document.getElementById(id);

function showMessage(text, isError) {
  const box = $('message');
  box.textContent = text;
  box.className = isError ? 'error' : '';
  box.setAttribute('role', isError ? 'alert' : 'status');
  box.hidden = false;
}

/** POSTs `body` to a console endpoint; resolves to the answer, or throws an Error with Dialpad's message. */
async function post(path, body) {
  const res = await fetch(`/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json();
  if (!res.ok) throw new Error(answer && answer.error ? answer.error.message : `HTTP ${res.status}`);
  return answer;
}

/** An /api/v2 call, run by the emulator's own handler with a company admin's rights. */
function callApi(method, path, body) {
  return post('api', { method, path, body: body || {} });
}

/** Runs `action`, shows `done` or Dialpad's refusal, then reloads the views (after a refusal, keeping what was typed). */
async function act(action, done) {
  try {
    await action();
    showMessage(done, false);
  } catch (error) {
    showMessage(`Dialpad refused: ${error.message}`, true);
    state.keepDrafts = true;
  }
  try {
    await load();
  } finally {
    state.keepDrafts = false;
  }
}

/**
 * Fills `panel` with `children` for `target` (a user's email, an office id). After a refusal the
 * fields of the same target keep what was typed, to be corrected; otherwise they show Dialpad's values.
 */
function fillPanel(panel, target, children) {
  const drafts = new Map();
  if (state.keepDrafts && panel.dataset.target === target) {
    for (const input of panel.querySelectorAll('input[id], select[id]')) drafts.set(input.id, input.type === 'checkbox' ? input.checked : input.value);
  }
  panel.replaceChildren(...children);
  panel.dataset.target = target;
  for (const [id, value] of drafts) {
    const input = $(id);
    if (!input) continue;
    if (input.type === 'checkbox') input.checked = value; else input.value = value;
  }
}

async function load() {
  const res = await fetch(`/_emulator/views?search=${encodeURIComponent(state.search)}`);
  state.views = await res.json();
  render();
}

const officeName = (id) => (state.views.offices.find((o) => o.id === id) || { name: id }).name;
const userOf = (email) => state.views.users[email.toLowerCase()];
const deletedUserOf = (email) => state.views.users[`deleted:${email.toLowerCase()}`];
const hoursText = (h) => `${h} h`;

function render() {
  const v = state.views;
  $('company-name').textContent = v.company.name;
  $('company-plan').textContent = `${v.company.account_type} plan`;
  $('clock-now').textContent = v.now;
  $('clock-now').setAttribute('datetime', v.now);
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.tab === state.tab;
    tab.setAttribute('aria-selected', String(on));
    $(`view-${tab.dataset.tab}`).hidden = !on;
  }
  renderUsers(v);
  renderReserved(v);
  renderDeleted(v);
  renderLicenses(v);
  renderOffices(v);
  renderGroups(v);
}

function renderGroups(v) {
  const rows = v.groups.map((g) =>
    el('tr', { 'data-group': g.id }, el('td', { text: g.name }), el('td', { text: g.type }), el('td', { text: officeName(g.office_id) }), el('td', { text: g.hours }),
      el('td', { text: g.ring_seconds || '–' }), el('td', { text: g.hold_queue || '–' }), el('td', { text: g.routing || '–' })));
  $('groups-table').tBodies[0].replaceChildren(...rows);
}

function renderUsers(v) {
  const shown = new Set(v.status.users.map((u) => u.email));
  for (const email of [...state.selected]) if (!shown.has(email)) state.selected.delete(email);
  const rows = v.status.users.map((u) => {
    const extra = userOf(u.email) || {};
    const permissions = [...u.permissions, extra.analytics ? 'analytics' : null, extra.proxy ? 'proxy access' : null].filter(Boolean);
    return el('tr', { 'data-email': u.email },
      el('td', {}, el('input', { type: 'checkbox', 'aria-label': `Select ${u.email}`, checked: state.selected.has(u.email), onchange: (e) => {
        if (e.target.checked) state.selected.add(u.email); else state.selected.delete(u.email);
      } })),
      el('td', { text: u.name }), el('td', { text: u.email }), el('td', { text: u.office }), el('td', { text: u.license }),
      el('td', { text: u.state }), el('td', { text: permissions.join(', ') || '–' }), el('td', { text: u.numbers.join(', ') || '–' }),
      el('td', {}, el('button', { type: 'button', text: 'Options', 'aria-label': `Options for ${u.email}`, onclick: () => { state.optionsFor = u.email; render(); } })));
  });
  const body = $('users-table').tBodies[0];
  body.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 9, class: 'empty', text: 'No users match.' }))]));
  $('select-all').checked = rows.length > 0 && state.selected.size === rows.length;
  renderUserOptions(v);
}

function renderUserOptions(v) {
  const panel = $('user-options');
  const user = state.optionsFor && userOf(state.optionsFor);
  if (!user) { panel.hidden = true; panel.replaceChildren(); return; }
  const others = v.offices.filter((o) => o.id !== user.office_id);
  const select = el('select', { id: 'move-office', 'aria-label': 'Transfer to office' }, others.map((o) => el('option', { value: o.id, text: `${o.name} (${o.country}, ${o.price_level || 'no price level'})` })));
  const review = el('div', { id: 'move-review', class: 'review', hidden: true });
  const proxyOn = user.proxy;
  fillPanel(panel, user.email, [
    el('h3', { text: `Options › Admin: ${user.email}` }),
    el('div', {}, el('strong', { text: 'Transfer user ' }), select, ' ', el('button', { type: 'button', id: 'move-review-button', text: 'Review', onclick: () => {
      const to = v.offices.find((o) => o.id === select.value);
      if (!to) return;
      review.hidden = false;
      review.replaceChildren(
        el('p', { text: `Move ${user.email} from ${officeName(user.office_id)} to ${to.name}.` }),
        el('button', { type: 'button', class: 'primary', id: 'move-confirm', text: 'Confirm transfer', onclick: () =>
          act(() => callApi('PATCH', `/api/v2/users/${user.id}/move_office`, { office_id: to.id }), `Moved ${user.email} to ${to.name}.`) }),
        ' ', el('button', { type: 'button', text: 'Cancel', onclick: () => { review.hidden = true; } }));
    } })),
    review,
    el('div', {}, el('strong', { text: 'Proxy access: ' }), el('span', { text: proxyOn ? 'granted ' : 'not granted ' }),
      el('button', { type: 'button', id: 'proxy-toggle', text: proxyOn ? 'Revoke proxy access' : 'Grant proxy access', onclick: () =>
        act(() => post('proxy', { user_id: user.id, enabled: !proxyOn }), `${proxyOn ? 'Revoked' : 'Granted'} proxy access for ${user.email}.`) })),
    phoneSettingsForm(user),
    userE911Form(user, v),
    el('p', {}, el('button', { type: 'button', text: 'Close', onclick: () => { state.optionsFor = null; render(); } }))]);
  panel.hidden = false;
}

const E911_FIELDS = [['address', 'Address'], ['address2', 'Address line 2'], ['city', 'City'], ['state', 'State'], ['zip', 'ZIP'], ['country', 'Country']];

/** `1 Market St, San Francisco, CA 94105, US`, or `none`. */
function addressText(a) {
  if (!a) return 'none';
  const stateZip = [a.state, a.zip].filter(Boolean).join(' ');
  return [a.address, a.address2, a.city, stateZip, (a.country || '').toUpperCase()].filter(Boolean).join(', ');
}

/** Inputs for an address (ids `${prefix}-${field}`), filled with `current`; the API, not the page, judges what is missing. */
function addressInputs(prefix, current) {
  return E911_FIELDS.map(([field, label]) => el('label', {}, `${label} `, el('input', { id: `${prefix}-${field}`, name: field, value: (current && current[field]) || '', size: field === 'address' ? 24 : 10 })));
}

function readAddress(prefix) {
  const body = {};
  for (const [field] of E911_FIELDS) body[field] = $(`${prefix}-${field}`).value.trim();
  return body;
}

/** Caller ID, extension, job title, forwarding numbers, international dialing: `PATCH /users/{id}` and `POST …/caller_id`, each only when it changed. */
function phoneSettingsForm(user) {
  const p = user.phone;
  const callerIds = [...user.caller_id.choices.map((c) => ({ value: c.number, text: `${c.number} (${c.held_by === 'group' ? c.name : c.held_by === 'office' ? 'office main line' : 'own number'})` })), { value: 'blocked', text: 'blocked' }];
  const select = el('select', { id: 'phone-caller-id', 'aria-label': 'Caller ID' }, callerIds.map((c) => el('option', { value: c.value, text: c.text })));
  select.value = user.caller_id.current || '';
  const intl = el('input', { type: 'checkbox', id: 'phone-intl', checked: p.international_dialing_enabled === true });
  const form = el('form', { id: 'phone-form', class: 'panel', 'aria-label': `Phone settings of ${user.email}` },
    el('h4', { text: 'Phone settings' }),
    el('label', {}, 'Caller ID ', select),
    el('label', {}, 'Extension ', el('input', { id: 'phone-extension', value: p.extension || '', size: 6 })),
    el('label', {}, 'Job title ', el('input', { id: 'phone-job-title', value: p.job_title || '', size: 20 })),
    el('label', {}, 'Forwarding numbers ', el('input', { id: 'phone-forwarding', value: p.forwarding_numbers.join(', '), size: 30, placeholder: '+14155550100, …' })),
    el('label', {}, intl, ' International dialing'),
    el('button', { type: 'submit', id: 'phone-save', text: 'Save phone settings' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const patch = {};
    const extension = $('phone-extension').value.trim();
    const jobTitle = $('phone-job-title').value.trim();
    const forwarding = $('phone-forwarding').value.split(',').map((n) => n.trim()).filter(Boolean);
    if (extension !== (p.extension || '')) patch.extension = extension;
    if (jobTitle !== (p.job_title || '')) patch.job_title = jobTitle;
    if (forwarding.join(',') !== p.forwarding_numbers.join(',')) patch.forwarding_numbers = forwarding;
    if (intl.checked !== (p.international_dialing_enabled === true)) patch.international_dialing_enabled = intl.checked;
    const callerId = select.value;
    act(async () => {
      if (Object.keys(patch).length > 0) await callApi('PATCH', `/api/v2/users/${user.id}`, patch);
      if (callerId !== (user.caller_id.current || '')) await callApi('POST', `/api/v2/users/${user.id}/caller_id`, { caller_id: callerId });
    }, `Saved the phone settings of ${user.email}.`);
  });
  return form;
}

/** The user's own E911 address (`PUT /users/{id}/e911`), or their office's when they have none. */
function userE911Form(user, v) {
  const office = v.offices.find((o) => o.id === user.office_id);
  const now = user.e911 ? `own: ${addressText(user.e911)}` : `uses the office's: ${addressText(office && office.e911)}`;
  const validated = el('input', { type: 'checkbox', id: 'user-e911-validated' });
  const form = el('form', { id: 'user-e911-form', class: 'panel', 'aria-label': `E911 address of ${user.email}` },
    el('h4', { text: 'E911 address' }), el('p', { id: 'user-e911-now', text: now }),
    ...addressInputs('user-e911', user.e911 || (office && office.e911)),
    el('label', {}, validated, ' Use the validated address'),
    el('button', { type: 'submit', id: 'user-e911-save', text: 'Save E911 address' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => callApi('PUT', `/api/v2/users/${user.id}/e911`, { ...readAddress('user-e911'), use_validated_option: validated.checked }), `Saved the E911 address of ${user.email}.`);
  });
  return form;
}

function renderOffices(v) {
  $('e911-countries').textContent = v.e911_countries.join(', ');
  const rows = v.offices.map((o) => el('tr', { 'data-office': o.id },
    el('td', { text: o.name }), el('td', { text: o.country }), el('td', { text: addressText(o.e911) }),
    el('td', {}, el('button', { type: 'button', text: 'Edit', 'aria-label': `Edit E911 address of ${o.name}`, onclick: () => { state.e911For = o.id; render(); } }))));
  $('offices-table').tBodies[0].replaceChildren(...rows);
  const panel = $('office-e911');
  const office = state.e911For && v.offices.find((o) => o.id === state.e911For);
  if (!office) { panel.hidden = true; panel.replaceChildren(); return; }
  const updateAll = el('input', { type: 'checkbox', id: 'office-e911-update-all' });
  const validated = el('input', { type: 'checkbox', id: 'office-e911-validated' });
  const form = el('form', { id: 'office-e911-form', 'aria-label': `E911 address of ${office.name}` },
    el('h3', { text: `E911 address: ${office.name}` }),
    ...addressInputs('office-e911', office.e911),
    el('label', {}, updateAll, ' Also for every user of the office (replaces their own)'),
    el('label', {}, validated, ' Use the validated address'),
    el('button', { type: 'submit', id: 'office-e911-save', text: 'Save E911 address' }), ' ',
    el('button', { type: 'button', text: 'Close', onclick: () => { state.e911For = null; render(); } }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => callApi('PUT', `/api/v2/offices/${office.id}/e911`, { ...readAddress('office-e911'), update_all: updateAll.checked, use_validated_option: validated.checked }), `Saved the E911 address of ${office.name}.`);
  });
  fillPanel(panel, office.id, [form]);
  panel.hidden = false;
}

const BULK = {
  delete: { label: 'Delete', run: (u) => callApi('DELETE', `/api/v2/users/${u.id}`) },
  add_admin: { label: 'Add admin', run: (u) => callApi('PATCH', `/api/v2/users/${u.id}`, { admin_office_ids: [...new Set([...u.admin_office_ids, u.office_id])] }) },
  remove_admin: { label: 'Remove admin', run: (u) => callApi('PATCH', `/api/v2/users/${u.id}`, { admin_office_ids: u.admin_office_ids.filter((id) => id !== u.office_id) }) },
  add_analytics: { label: 'Add analytics', all: (users) => post('analytics', { user_ids: users.map((u) => u.id), enabled: true }) },
  remove_analytics: { label: 'Remove analytics', all: (users) => post('analytics', { user_ids: users.map((u) => u.id), enabled: false }) },
};

function reviewBulk(event) {
  event.preventDefault();
  const box = $('bulk-confirm');
  const action = BULK[$('bulk-action').value];
  const users = [...state.selected].map(userOf).filter(Boolean);
  box.hidden = false;
  if (users.length === 0) { box.replaceChildren(el('p', { text: 'Select users first.' })); return; }
  box.replaceChildren(
    el('p', { text: `${action.label} for ${users.length} user(s): ${users.map((u) => u.email).join(', ')}` }),
    el('button', { type: 'button', class: 'primary', id: 'bulk-confirm-button', text: `Confirm: ${action.label}`, onclick: async () => {
      box.hidden = true;
      state.selected.clear();
      // The analytics permission is one all-or-nothing step; the API actions are one call per user, stopping at the first refusal.
      await act(async () => {
        if (action.all) await action.all(users);
        else for (const u of users) await action.run(u).catch((e) => { throw new Error(`${u.email}: ${e.message}`); });
      }, `${action.label}: done for ${users.map((u) => u.email).join(', ')}.`);
    } }),
    ' ', el('button', { type: 'button', text: 'Cancel', onclick: () => { box.hidden = true; } }));
}

function renderReserved(v) {
  const active = v.status.users.filter((u) => u.state !== 'suspended');
  const rows = v.status.reserved_numbers.map((n) => {
    const pick = el('select', { 'aria-label': `Reassign ${n.number} to` }, el('option', { value: '', text: 'choose a user' }), active.map((u) => el('option', { value: u.email, text: u.email })));
    return el('tr', { 'data-number': n.number },
      el('td', { text: n.number }), el('td', { text: n.office || '–' }), el('td', { text: n.last_for || 'unknown' }), el('td', { text: n.unassigned_at || 'unknown' }),
      el('td', {}, pick, ' ', el('button', { type: 'button', text: 'Reassign', onclick: () => {
        const user = pick.value && userOf(pick.value);
        if (!user) { showMessage('Choose the user to reassign the number to.', true); return; }
        act(() => callApi('POST', `/api/v2/users/${user.id}/assign_number`, { number: n.number }), `Assigned ${n.number} to ${user.email}.`);
      } })),
      el('td', {}, el('button', { type: 'button', text: 'Release', 'aria-label': `Release ${n.number}`, onclick: (e) => {
        if (e.target.dataset.armed !== 'yes') { e.target.dataset.armed = 'yes'; e.target.textContent = 'Confirm release'; return; }
        act(() => callApi('DELETE', `/api/v2/numbers/${encodeURIComponent(n.number)}?release=true`), `Released ${n.number} to Dialpad.`);
      } })));
  });
  $('reserved-table').tBodies[0].replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 6, class: 'empty', text: 'The reserved pool is empty.' }))]));
}

function renderDeleted(v) {
  const rows = v.status.deleted_users.map((d) => {
    const user = deletedUserOf(d.email);
    const left = d.hours_left === null ? 'unknown' : d.hours_left > 0 ? `${hoursText(d.hours_left)} (until ${d.restorable_until})` : `less than 1 h (until ${d.restorable_until})`;
    return el('tr', { 'data-email': d.email },
      el('td', { text: d.name }), el('td', { text: d.email }), el('td', { text: d.office }), el('td', { text: d.deleted_at || 'unknown' }), el('td', { text: left }),
      el('td', {}, el('button', { type: 'button', text: 'Restore', 'aria-label': `Restore ${d.email}`, onclick: () =>
        act(() => post('restore_user', { user_id: user.id }), `Restored ${d.email}.`) })));
  });
  $('deleted-table').tBodies[0].replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 6, class: 'empty', text: 'No users deleted in the last 72 hours.' }))]));
}

function renderLicenses(v) {
  const kinds = v.license_kinds;
  const keep = (select, options) => {
    const value = select.value;
    select.replaceChildren(...options);
    if ([...select.options].some((o) => o.value === value)) select.value = value;
  };
  keep($('transfer-kind'), kinds.map((k) => el('option', { value: k.field, text: `${k.label} (${k.category})` })));
  const offices = v.offices.map((o) => el('option', { value: o.id, text: `${o.name} (${o.price_level || 'no price level'})` }));
  keep($('transfer-from'), offices);
  keep($('transfer-to'), v.offices.map((o) => el('option', { value: o.id, text: `${o.name} (${o.price_level || 'no price level'})` })));
  const rows = v.offices.map((o) => {
    const held = kinds.filter((k) => o.purchased[k.field] > 0).map((k) => `${k.label}: ${o.available[k.field]} / ${o.purchased[k.field]}`);
    return el('tr', { 'data-office': o.id }, el('td', { text: o.name }), el('td', { text: o.country }), el('td', { text: o.price_level || '–' }), el('td', { text: held.join(', ') || 'none' }));
  });
  $('licenses-table').tBodies[0].replaceChildren(...rows);
  const rooms = v.rooms.map((r) => el('tr', { 'data-room': r.id }, el('td', { text: r.name }), el('td', { text: officeName(r.office_id) }), el('td', { text: r.numbers.join(', ') || 'none' })));
  $('rooms-table').tBodies[0].replaceChildren(...(rooms.length ? rooms : [el('tr', {}, el('td', { colspan: 3, class: 'empty', text: 'No rooms.' }))]));
}

function reviewTransfer(event) {
  event.preventDefault();
  const v = state.views;
  const kind = v.license_kinds.find((k) => k.field === $('transfer-kind').value);
  const from = v.offices.find((o) => o.id === $('transfer-from').value);
  const to = v.offices.find((o) => o.id === $('transfer-to').value);
  const count = Number($('transfer-count').value);
  const box = $('transfer-confirm');
  box.hidden = false;
  box.replaceChildren(
    el('p', { text: `Transfer ${count} ${kind.label} license(s) from ${from.name} (${from.available[kind.field]} unassigned) to ${to.name}.` }),
    el('button', { type: 'button', class: 'primary', id: 'transfer-confirm-button', text: 'Confirm transfer', onclick: () => {
      box.hidden = true;
      act(() => post('transfer_licenses', { from_office_id: from.id, to_office_id: to.id, line: kind.field, count }), `Transferred ${count} ${kind.label} license(s) from ${from.name} to ${to.name}.`);
    } }),
    ' ', el('button', { type: 'button', text: 'Cancel', onclick: () => { box.hidden = true; } }));
}

function selectTab(tab) {
  state.tab = tab;
  if (location.hash !== `#${tab}`) history.replaceState(null, '', `#${tab}`);
  if (state.views) render();
}

document.addEventListener('DOMContentLoaded', () => {
  const fromHash = location.hash.slice(1);
  if (['users', 'reserved', 'deleted', 'licenses', 'offices', 'groups'].includes(fromHash)) state.tab = fromHash;
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); state.search = $('search').value; load(); });
  $('select-all').addEventListener('change', (e) => {
    for (const u of state.views.status.users) if (e.target.checked) state.selected.add(u.email); else state.selected.delete(u.email);
    render();
  });
  $('bulk-form').addEventListener('submit', reviewBulk);
  $('transfer-form').addEventListener('submit', reviewTransfer);
  $('clock-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const hours = Number($('clock-hours').value);
    act(() => post('clock', { advance_seconds: hours * 3600 }), `Advanced the emulator clock by ${hours} h.`);
  });
  load().catch((error) => showMessage(`Cannot read the emulator: ${error.message}`, true));
});

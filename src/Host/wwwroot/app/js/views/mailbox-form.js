// The password-mailbox form of the provider screen (provider kind "password", i.e. IMAP with optional
// CalDAV): a preset picker (iCloud, Yahoo, Fastmail, … as GET /api/providers lists them), the IMAP
// server, the login (user name and app password), an optional CalDAV URL, and Submit →
// POST /api/me/links {provider, imap, caldav?, address?}. The host tries both logins before it stores
// anything; its 400 field errors show next to their fields. The password never outlives the request:
// both password boxes are emptied after every submit, whatever the answer.
import { h, replace, errorBox } from '../dom.js';
import { Api } from '../api.js';
import { errorSlot } from './fields.js';

const DEFAULT_PORTS = { ssl: 993, starttls: 143 };
const OTHER = '';

// Where each well-known service makes app passwords (matched by the preset's name).
const APP_PASSWORD_HELP = [
  { match: /icloud|apple/i, where: 'your Apple Account (Sign-In and Security → App-Specific Passwords)', url: 'https://account.apple.com/account/manage' },
  { match: /yahoo/i, where: 'Yahoo Account Security → Generate app password', url: 'https://login.yahoo.com/account/security' },
  { match: /aol/i, where: 'AOL Account Security → Generate app password', url: 'https://login.aol.com/account/security' },
  { match: /fastmail/i, where: 'Fastmail Settings → Privacy & Security → Manage app passwords and access', url: 'https://app.fastmail.com/settings/security/devicekeys' },
  { match: /yandex/i, where: 'Yandex ID → Security → App passwords (type "Mail")', url: 'https://id.yandex.com/security/app-passwords' },
  { match: /zoho/i, where: 'Zoho Accounts → Security → App Passwords', url: 'https://accounts.zoho.com/home#security/app_password' },
  { match: /gmx|web\.de|mail\.com/i, where: 'the mailbox\'s settings: turn on POP3 & IMAP access, and with two-factor authentication create an application-specific password' },
];

/**
 * The preset for an address: the one whose `domains` hold its domain (or a parent of it); when the presets carry no
 * domains, the first one if the host suggested this provider for the address (it lists the matching preset first).
 */
export function presetFor(presets, email, suggested) {
  const domain = String(email ?? '').split('@').pop()?.trim().toLowerCase();
  if (!domain || !String(email).includes('@')) return null;
  if (!presets.some(p => Array.isArray(p.domains))) return suggested ? presets[0] ?? null : null;
  return presets.find(p => (p.domains ?? []).some(d => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`))) ?? null;
}

function helpFor(preset) {
  return preset ? APP_PASSWORD_HELP.find(help => help.match.test(preset.name)) ?? null : null;
}

function textField(id, label, attrs = {}, hint = null) {
  const input = h('input', { id, name: id, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${hint ? `${id}-hint ` : ''}${id}-error`, ...attrs });
  const error = errorSlot(id, input);
  return {
    input,
    error,
    element: h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, input, error.element),
  };
}

function securityField(value) {
  const select = h('select', { id: 'imap-security', name: 'imap-security', 'aria-describedby': 'imap-security-error' },
    h('option', { value: 'ssl', selected: value !== 'starttls' }, 'SSL/TLS (usually port 993)'),
    h('option', { value: 'starttls', selected: value === 'starttls' }, 'STARTTLS (usually port 143)'));
  const error = errorSlot('imap-security', select);
  return { input: select, error, element: h('div', { class: 'field' }, h('label', { for: 'imap-security' }, 'Security'), select, error.element) };
}

function presetField(presets, chosen) {
  const select = h('select', { id: 'imap-preset', name: 'imap-preset' },
    presets.map((p, i) => h('option', { value: String(i), selected: p === chosen }, p.name)),
    h('option', { value: OTHER, selected: !chosen }, 'Other (enter the server settings)'));
  return { input: select, element: h('div', { class: 'field' }, h('label', { for: 'imap-preset' }, 'Mail service'), select) };
}

/** The fields of the form, built once. `initial` = { preset, email, username }. */
function buildFields(presets, initial) {
  const preset = initial.preset;
  return {
    preset: presetField(presets, preset),
    host: textField('imap-host', 'IMAP server', { required: true, value: preset?.imap?.host ?? '', placeholder: 'imap.example.com', inputmode: 'url' }),
    port: textField('imap-port', 'Port', { required: true, type: 'number', min: 1, max: 65535, value: preset?.imap?.port ?? DEFAULT_PORTS.ssl }),
    security: securityField(preset?.imap?.security ?? 'ssl'),
    username: textField('imap-username', 'User name', { required: true, value: initial.username ?? initial.email ?? '', autocomplete: 'off' }, 'Usually your full email address.'),
    password: textField('imap-password', 'App password', { required: true, type: 'password', autocomplete: 'off' }),
    caldavUrl: textField('caldav-url', 'CalDAV URL (optional)', { type: 'url', value: preset?.caldav?.url ?? '', placeholder: 'https://caldav.example.com/' },
      'For the calendar. The service\'s address is enough: the calendars are found from it. Leave it empty to sync email only.'),
    caldavSame: h('input', { type: 'checkbox', id: 'caldav-same', checked: true }),
    caldavUsername: textField('caldav-username', 'CalDAV user name', {}),
    caldavPassword: textField('caldav-password', 'CalDAV app password', { type: 'password', autocomplete: 'off' }),
    caldavError: errorSlot('caldav', []),
    imapError: errorSlot('imap', []),
  };
}

function hintBox(preset) {
  const help = helpFor(preset);
  return h('div', { class: 'alert alert-info', id: 'app-password-hint' },
    h('p', {}, h('strong', {}, 'Use an app password, not your normal password. '),
      'Most mail services (iCloud, Yahoo, Fastmail, AOL and others) refuse the password you sign in with for mail apps: create an app password for NavusoftSync and enter it here.'),
    help
      ? h('p', { id: 'app-password-where' }, `${preset.name}: create it in ${help.where}`, help.url ? [' (', h('a', { href: help.url, target: '_blank', rel: 'noopener noreferrer' }, help.url), ')'] : null, '.')
      : h('p', { id: 'app-password-where' }, 'Look for "App passwords" in your mail provider\'s account security settings (it often needs two-step verification turned on).'));
}

/**
 * The form in a card. `provider` is the `imap` entry of GET /api/providers; `email` the address being linked;
 * `reauth` true when the link needs a new app password; `onLinked(answer)` runs after a 200.
 */
export function passwordMailboxForm({ provider, email, reauth = false, onLinked, onBack }) {
  const presets = Array.isArray(provider.presets) ? provider.presets.filter(p => p?.imap?.host) : [];
  const preset = presetFor(presets, email, provider.suggested);
  const fields = buildFields(presets, { preset, email });
  const hint = h('div', { id: 'app-password-hint-slot' }, hintBox(preset));
  const status = h('div', { id: 'mailbox-status', 'aria-live': 'polite' });
  const caldavLogin = h('div', { id: 'caldav-login', hidden: true }, fields.caldavUsername.element, fields.caldavPassword.element);
  const submit = h('button', { type: 'submit', id: 'mailbox-submit' }, reauth ? 'Save the new app password' : 'Link mailbox');
  const form = h('form', { class: 'card provider-screen settings-form', id: 'mailbox-form', novalidate: true, autocomplete: 'off' },
    h('h2', {}, reauth ? `Enter a new app password for ${email}` : `Link ${email || 'a mailbox'} with an app password`),
    reauth ? h('p', { class: 'alert alert-warning', id: 'mailbox-reauth' }, 'The mail server refused the stored app password. Create a new app password with your mail provider, check the server settings below and enter the new password.') : null,
    h('p', { class: 'hint' }, `${provider.name}: your mail is read over IMAP, and your calendar over CalDAV when you give its address. Both logins are tried before anything is stored.`),
    hint,
    presets.length ? fields.preset.element : null,
    h('fieldset', { id: 'imap-settings' }, h('legend', {}, 'Mail (IMAP)'),
      fields.host.element, h('div', { class: 'two-columns' }, fields.port.element, fields.security.element),
      fields.username.element, fields.password.element, fields.imapError.element),
    h('fieldset', { id: 'caldav-settings' }, h('legend', {}, 'Calendar (CalDAV)'),
      fields.caldavUrl.element,
      h('div', { class: 'choice' }, fields.caldavSame, h('label', { for: 'caldav-same' }, 'Same user name and app password as for mail')),
      caldavLogin, fields.caldavError.element),
    h('div', { class: 'actions' }, submit, onBack ? h('button', { type: 'button', class: 'secondary', id: 'mailbox-back', onclick: onBack }, 'Back to the provider screen') : null),
    status);

  wireChoices(fields, presets, hint, caldavLogin);
  form.addEventListener('submit', event => {
    event.preventDefault();
    send(fields, { email, submit, status, onLinked });
  });
  return { element: form, focus: () => (reauth ? fields.password.input : (presets.length ? fields.preset.input : fields.host.input)).focus() };
}

// A preset fills the server settings and the CalDAV URL; the security choice moves a default port along.
function wireChoices(fields, presets, hint, caldavLogin) {
  fields.preset.input.addEventListener('change', () => {
    const preset = presets[Number(fields.preset.input.value)];
    if (fields.preset.input.value === OTHER || !preset) {
      fields.host.input.value = ''; // another service's server is never kept by mistake
      fields.caldavUrl.input.value = '';
      replace(hint, hintBox(null));
      return;
    }
    fields.host.input.value = preset.imap.host;
    fields.port.input.value = String(preset.imap.port ?? DEFAULT_PORTS[preset.imap.security] ?? DEFAULT_PORTS.ssl);
    fields.security.input.value = preset.imap.security === 'starttls' ? 'starttls' : 'ssl';
    fields.caldavUrl.input.value = preset.caldav?.url ?? '';
    replace(hint, hintBox(preset));
  });
  fields.security.input.addEventListener('change', () => {
    const port = Number(fields.port.input.value);
    if (!port || Object.values(DEFAULT_PORTS).includes(port)) fields.port.input.value = String(DEFAULT_PORTS[fields.security.input.value]);
  });
  fields.caldavSame.addEventListener('change', () => {
    caldavLogin.hidden = fields.caldavSame.checked;
  });
}

/** The request body of POST /api/me/links from the form (read once, at submit). */
function requestOf(fields, email) {
  const value = field => field.input.value.trim();
  const body = {
    provider: 'imap',
    imap: { host: value(fields.host), port: Number(value(fields.port)) || 0, security: fields.security.input.value, username: value(fields.username), password: fields.password.input.value },
  };
  if (value(fields.caldavUrl)) {
    body.caldav = fields.caldavSame.checked
      ? { url: value(fields.caldavUrl) }
      : { url: value(fields.caldavUrl), username: value(fields.caldavUsername) || undefined, password: fields.caldavPassword.input.value || undefined };
  }
  if (email && email.includes('@')) body.address = email;
  return body;
}

async function send(fields, { email, submit, status, onLinked }) {
  const body = requestOf(fields, email);
  fields.password.input.value = '';
  fields.caldavPassword.input.value = '';
  showErrors(fields, {});
  submit.disabled = true;
  replace(status, h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Logging in to the mail server…'));
  try {
    const answer = await Api.linkMailbox(body);
    replace(status);
    onLinked(answer);
  } catch (error) {
    submit.disabled = false;
    refused(fields, status, error);
  }
}

function refused(fields, status, error) {
  const shown = error.status === 400 ? showErrors(fields, error.errors ?? {}) : [];
  const rest = Object.entries(error.errors ?? {}).filter(([key]) => !shown.includes(key));
  if (error.status === 400 && shown.length) {
    replace(status, h('div', { class: 'alert alert-error', role: 'alert', id: 'mailbox-error' },
      h('strong', {}, 'Not linked: see the messages by the fields. Nothing was stored.'),
      rest.length ? h('ul', {}, rest.map(([key, messages]) => h('li', {}, `${key}: ${[].concat(messages).join(' ')}`))) : null));
    firstInvalid(fields).focus();
    return;
  }
  // 403 (imap not enabled for the organization), 429 (too many tries), or anything else: one sentence.
  replace(status, h('div', { id: 'mailbox-error' }, errorBox(error)));
}

// The first field to fix: an IMAP setting the validator refused, else the app password when the IMAP login failed
// (it has to be typed again), else a CalDAV setting, else the app password again (a refused CalDAV login).
function firstInvalid(fields) {
  const invalid = field => field.input.getAttribute('aria-invalid') === 'true';
  const imap = [fields.host, fields.port, fields.security, fields.username, fields.password].find(invalid);
  if (imap) return imap.input;
  if (!fields.imapError.element.hidden) return fields.password.input;
  const caldav = [fields.caldavUrl, fields.caldavUsername, fields.caldavPassword].find(f => invalid(f) && !f.input.closest('[hidden]'));
  if (caldav) return caldav.input;
  return fields.caldavSame.checked ? fields.password.input : fields.caldavPassword.input;
}

// The host's `errors` keys: `imap`, `caldav` (what failed at the server) and `imap.host`, `Imap.Port`,
// `$.caldav.url`, … (a field the validator refused). Returns the keys shown next to a field.
const SLOTS = {
  imap: 'imapError', caldav: 'caldavError',
  'imap.host': 'host', 'imap.port': 'port', 'imap.security': 'security', 'imap.username': 'username', 'imap.password': 'password',
  'caldav.url': 'caldavUrl', 'caldav.username': 'caldavUsername', 'caldav.password': 'caldavPassword',
};

function showErrors(fields, errors) {
  const bySlot = new Map();
  const shown = [];
  for (const [key, messages] of Object.entries(errors)) {
    const slot = SLOTS[key.replace(/^\$\.?/, '').replace(/^request\./i, '').toLowerCase()];
    if (!slot) continue;
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), ...[].concat(messages).map(String)]);
    shown.push(key);
  }
  for (const slot of Object.values(SLOTS)) {
    const target = fields[slot];
    (target.error ?? target).show(bySlot.get(slot));
  }
  return shown;
}

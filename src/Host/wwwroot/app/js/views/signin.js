// Demo sign-in: POST /api/dev/token (Development only), or a pasted Navusoft token elsewhere.
import { h, errorBox } from '../dom.js';
import { Api } from '../api.js';
import { saveSession, decodeClaims } from '../session.js';
import { errorSlot, groupFieldErrors } from './fields.js';

const DEMO = { tid: 'demo-hauler', sub: 'demo-user', name: 'Dana Dispatcher', email: 'dana@demo-hauler.example', tz: 'America/Chicago' };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A labelled input with its error slot under it, tied by aria-describedby. */
function textField(id, label, value, attrs = {}, hint) {
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const input = h('input', { id, name: id, value: value ?? '', autocomplete: 'off', 'aria-describedby': describedBy, ...attrs });
  const error = errorSlot(id, input);
  return {
    input,
    error,
    element: h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, input, error.element),
  };
}

function isTimeZone(tz) {
  try { new Intl.DateTimeFormat(undefined, { timeZone: tz }); return true; } catch { return false; }
}

/** What is wrong with the development sign-in form, field by field (the token call's own names). */
function problems(values) {
  const found = {};
  if (!values.tid) found.tid = 'Enter the tenant, your organization\'s id (such as demo-hauler).';
  if (!values.sub) found.sub = 'Enter your user id (such as demo-user).';
  if (values.email && !EMAIL.test(values.email)) found.email = `"${values.email}" is not an email address such as dana@example.com. Correct it or leave it empty.`;
  if (values.tz && !isTimeZone(values.tz)) found.tz = `"${values.tz}" is not an IANA time zone such as America/Chicago.`;
  return found;
}

/**
 * Shows each field's message under it (aria-invalid, aria-describedby), a summary that screen readers hear
 * (role=alert) with a button per problem that moves to its field, and focuses the first invalid field.
 */
function showProblems(fields, found, status) {
  for (const [name, field] of Object.entries(fields)) field.error.show(found[name]);
  const names = Object.keys(fields).filter(name => found[name]);
  if (names.length === 0) return false;
  status.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert', id: 'signin-errors' },
    h('strong', {}, names.length === 1 ? 'Not signed in: one field needs a change.' : `Not signed in: ${names.length} fields need a change.`),
    h('ul', {}, names.map(name => h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: () => fields[name].input.focus() }, found[name]))))));
  fields[names[0]].input.focus();
  return true;
}

export function signInView(main, route, { go }) {
  const p = route.params;
  const next = p.get('next') && !p.get('next').startsWith('/signin') ? p.get('next') : '/calendar';
  const finish = token => {
    saveSession(token.accessToken ?? token, token.expiresAt);
    go(next);
  };
  main.append(...[
    h('h1', {}, 'Sign in'),
    p.get('expired') ? h('div', { class: 'alert alert-warning', role: 'alert' }, 'Your session has expired or is not valid any more. Sign in again.') : null,
    p.get('signedOut') ? h('p', { class: 'alert alert-info', role: 'status' }, 'You are signed out.') : null,
    h('div', { class: 'two-columns' }, devSignInForm(p, finish), tokenForm(finish))].filter(Boolean));
}

/** The development token form, prefilled from the address (tenant, user, name, email, tz, role). */
function devSignInForm(p, finish) {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const status = h('div', { 'aria-live': 'polite', id: 'signin-status' });
  const fields = {
    tid: textField('signin-tenant', 'Tenant', p.get('tenant') ?? DEMO.tid, { required: true }),
    sub: textField('signin-user', 'User id', p.get('user') ?? DEMO.sub, { required: true }),
    name: textField('signin-name', 'Name', p.get('name') ?? DEMO.name, { autocomplete: 'name' }),
    email: textField('signin-email', 'Email', p.get('email') ?? DEMO.email, { type: 'email', autocomplete: 'email' }),
    tz: textField('signin-tz', 'Time zone (IANA)', p.get('tz') ?? (p.get('tenant') ? browserZone : DEMO.tz), { list: 'zones' }, 'Such as America/Chicago; times are shown in it.'),
  };
  const button = h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in');
  const form = h('form', { class: 'card form', id: 'signin-form', novalidate: true, 'aria-labelledby': 'signin-form-title' },
    h('h2', { id: 'signin-form-title' }, 'Development sign-in'),
    h('p', { class: 'hint' }, 'Mints a demo token with the host\'s development token call. It exists only when the host runs in Development. Tenant and user id are required.'),
    Object.values(fields).map(field => field.element),
    h('div', { class: 'field' },
      h('label', { for: 'signin-role' }, 'Role'),
      h('select', { id: 'signin-role', name: 'signin-role' },
        h('option', { value: 'user', selected: p.get('role') !== 'admin' }, 'User'),
        h('option', { value: 'admin', selected: p.get('role') === 'admin' }, 'Administrator (sets the organization\'s policies)'))),
    h('datalist', { id: 'zones' }, [browserZone, 'UTC', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Europe/London', 'Australia/Sydney']
      .map(z => h('option', { value: z }))),
    h('div', { class: 'actions' }, button),
    status);
  form.addEventListener('submit', event => {
    event.preventDefault();
    signIn({ fields, role: form.querySelector('#signin-role').value, button, status, finish });
  });
  return form;
}

/** Checks the form, then asks the host for a token; the host's field errors show by their fields too. */
async function signIn({ fields, role, button, status, finish }) {
  const values = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.input.value.trim()]));
  if (showProblems(fields, problems(values), status)) return;
  button.disabled = true;
  status.replaceChildren(h('p', { role: 'status' }, 'Signing in…'));
  try {
    finish(await Api.devToken({ ...values, role }));
  } catch (error) {
    button.disabled = false;
    const found = Object.fromEntries([...groupFieldErrors(error.errors)].filter(([name]) => name in fields).map(([name, g]) => [name, g.messages.join(' ')]));
    if (error.status === 400 && showProblems(fields, found, status)) return;
    status.replaceChildren(errorBox(error.status === 404
      ? { title: 'Development sign-in is not available', detail: 'This host does not run in Development. Paste a Navusoft token below instead.' }
      : error));
  }
}

/** Sign-in with a pasted token: its error is tied to the box and the box takes focus. */
function tokenForm(finish) {
  const textarea = h('textarea', { id: 'signin-token', rows: 3, spellcheck: 'false', 'aria-describedby': 'signin-token-hint signin-token-error' });
  const error = errorSlot('signin-token', textarea);
  const form = h('form', { class: 'card form', id: 'token-form', novalidate: true, 'aria-labelledby': 'token-form-title' },
    h('h2', { id: 'token-form-title' }, 'Sign in with a token'),
    h('p', { class: 'hint', id: 'signin-token-hint' }, 'A Navusoft bearer token (JWT) for this service, e.g. one printed by scripts/run.sh.'),
    h('div', { class: 'field' }, h('label', { for: 'signin-token' }, 'Token'), textarea, error.element),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Use this token')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const token = textarea.value.trim();
    if (!decodeClaims(token).sub) {
      error.show('Not a token: paste the whole JWT (three parts separated by dots).');
      textarea.focus();
      return;
    }
    finish(token);
  });
  return form;
}

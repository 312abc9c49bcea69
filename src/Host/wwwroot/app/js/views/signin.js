// Demo sign-in: POST /api/dev/token (Development only), or a pasted Navusoft token elsewhere.
import { h, errorBox } from '../dom.js';
import { Api } from '../api.js';
import { saveSession, decodeClaims } from '../session.js';

const DEMO = { tid: 'demo-hauler', sub: 'demo-user', name: 'Dana Dispatcher', email: 'dana@demo-hauler.example', tz: 'America/Chicago' };

export function signInView(main, route, { go }) {
  const p = route.params;
  const next = p.get('next') && !p.get('next').startsWith('/signin') ? p.get('next') : '/calendar';
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const field = (id, label, value, attrs = {}) => h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name: id, value: value ?? '', autocomplete: 'off', ...attrs }));
  const status = h('div', { 'aria-live': 'polite' });
  const finish = token => {
    saveSession(token.accessToken ?? token, token.expiresAt);
    go(next);
  };

  const form = h('form', { class: 'card form', id: 'signin-form', novalidate: true },
    h('h2', {}, 'Development sign-in'),
    h('p', { class: 'hint' }, 'Mints a demo token with the host\'s development token call. It exists only when the host runs in Development.'),
    field('signin-tenant', 'Tenant', p.get('tenant') ?? DEMO.tid, { required: true }),
    field('signin-user', 'User id', p.get('user') ?? DEMO.sub, { required: true }),
    field('signin-name', 'Name', p.get('name') ?? DEMO.name),
    field('signin-email', 'Email', p.get('email') ?? DEMO.email, { type: 'email' }),
    field('signin-tz', 'Time zone (IANA)', p.get('tz') ?? (p.get('tenant') ? browserZone : DEMO.tz), { list: 'zones' }),
    h('div', { class: 'field' },
      h('label', { for: 'signin-role' }, 'Role'),
      h('select', { id: 'signin-role', name: 'signin-role' },
        h('option', { value: 'user', selected: p.get('role') !== 'admin' }, 'User'),
        h('option', { value: 'admin', selected: p.get('role') === 'admin' }, 'Administrator (sets the organization\'s policies)'))),
    h('datalist', { id: 'zones' }, [browserZone, 'UTC', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Europe/London', 'Australia/Sydney']
      .map(z => h('option', { value: z }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in')),
    status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const value = id => form.querySelector(`#${id}`).value.trim();
    const tz = value('signin-tz');
    if (tz) {
      try { new Intl.DateTimeFormat(undefined, { timeZone: tz }); } catch {
        status.replaceChildren(errorBox({ title: 'Unknown time zone', detail: `"${tz}" is not an IANA time zone such as America/Chicago.` }));
        return;
      }
    }
    const button = form.querySelector('#signin-submit');
    button.disabled = true;
    status.replaceChildren(h('p', { role: 'status' }, 'Signing in…'));
    try {
      finish(await Api.devToken({ tid: value('signin-tenant'), sub: value('signin-user'), name: value('signin-name'), email: value('signin-email'), tz, role: value('signin-role') }));
    } catch (error) {
      button.disabled = false;
      status.replaceChildren(errorBox(error.status === 404
        ? { title: 'Development sign-in is not available', detail: 'This host does not run in Development. Paste a Navusoft token below instead.' }
        : error));
    }
  });

  const tokenForm = h('form', { class: 'card form', id: 'token-form' },
    h('h2', {}, 'Sign in with a token'),
    h('p', { class: 'hint' }, 'A Navusoft bearer token (JWT) for this service, e.g. one printed by scripts/run.sh.'),
    h('div', { class: 'field' }, h('label', { for: 'signin-token' }, 'Token'), h('textarea', { id: 'signin-token', rows: 3, spellcheck: 'false' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Use this token')));
  const tokenStatus = h('div', { 'aria-live': 'polite' });
  tokenForm.append(tokenStatus);
  tokenForm.addEventListener('submit', event => {
    event.preventDefault();
    const token = tokenForm.querySelector('#signin-token').value.trim();
    if (!decodeClaims(token).sub) {
      tokenStatus.replaceChildren(errorBox({ title: 'Not a token', detail: 'Paste the whole JWT (three parts separated by dots).' }));
      return;
    }
    finish(token);
  });

  main.append(
    h('h1', {}, 'Sign in'),
    p.get('expired') ? h('div', { class: 'alert alert-warning', role: 'alert' }, 'Your session has expired or is not valid any more. Sign in again.') : null,
    p.get('signedOut') ? h('p', { class: 'alert alert-info', role: 'status' }, 'You are signed out.') : null,
    h('div', { class: 'two-columns' }, form, tokenForm));
}

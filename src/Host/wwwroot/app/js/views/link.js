// "Link External Calendar/Email": the provider screen (detected provider, Continue, Select a
// Different Provider), the provider's sign-in in a window of its own, and the success message.
//
// The OAuth redirect ends on the host's callback (GET /api/links/callback/{provider}), which
// completes the link only for the browser and user that started it. Two ways back, both handled:
// - the sign-in window brings the link request's HttpOnly cookie (set by POST /api/me/links): the
//   callback answers JSON there; that window is on this page's origin, so the page reads the
//   answer from it and closes it;
// - it does not (cookies blocked or cleared): the callback answers a small page whose script
//   (js/link-callback.js) posts code and state to this page, which accepts them only from this
//   origin and from the window it opened, and repeats the callback with its bearer token.
// Should both fail (closed early, blocked), GET /api/me/links tells whether it linked.
//
// A provider of kind "password" (IMAP/CalDAV) has no sign-in window: Continue shows its form
// (mailbox-form.js), which links at once. Opened with `provider=imap` (a link's "Enter a new app
// password"), the page goes straight to that form; `reauth=1` says the stored password was refused.
//
// A provider the organization has not enabled (its integration review is not done) has no Continue: the screen says
// who enables it and how, and gives an administrator the way to the Admin console's Providers section.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api, api } from '../api.js';
import { getSession } from '../session.js';
import { PROVIDER_NAMES, statusBadge } from './common.js';
import { passwordMailboxForm } from './mailbox-form.js';
import { isAdmin } from './privacy.js';

export function linkView(main, route, { go }) {
  const params = route.params;
  let email = params.get('email') ?? getSession()?.claims?.email ?? '';
  let providers = [];
  let watcher = null;
  let listener = null;
  let disposed = false;

  const emailInput = h('input', { id: 'link-email', type: 'email', value: email, autocomplete: 'email', required: true });
  const emailForm = h('form', { class: 'inline-form', id: 'link-email-form' },
    h('label', { for: 'link-email' }, 'Your external email address'),
    emailInput,
    h('button', { type: 'submit', class: 'secondary' }, 'Find my provider'));
  const stage = h('section', { id: 'link-stage', 'aria-live': 'polite' });

  main.append(
    h('h1', {}, 'Link External Calendar/Email'),
    h('p', { class: 'hint' }, 'Emails and appointments with your customers\' account contacts will show on your calendar and on the account calendars. Nothing else is stored.'),
    emailForm, stage);

  emailForm.addEventListener('submit', event => {
    event.preventDefault();
    email = emailInput.value.trim();
    detect(null);
  });

  async function detect(preferred) {
    replace(stage, loading('Finding your provider…'));
    try {
      providers = await Api.providers(email || undefined);
    } catch (error) {
      replace(stage, errorBox(error, () => detect(preferred)));
      return;
    }
    if (disposed) return;
    const chosen = providers.find(p => p.id === preferred) ?? providers.find(p => p.suggested);
    if (chosen?.kind === 'password' && chosen.id === preferred && chosen.enabled) showMailboxForm(chosen, params.get('reauth') === '1');
    else if (chosen) showDetected(chosen);
    else showChoice(null);
  }

  function showMailboxForm(provider, reauth = false) {
    const form = passwordMailboxForm({
      provider, email, reauth,
      onLinked: answer => { if (!disposed) succeeded(answer, provider); },
      onBack: () => showChoice(provider.id),
    });
    replace(stage, form.element);
    form.focus();
  }

  function showDetected(provider) {
    replace(stage, h('div', { class: 'card provider-screen', id: 'provider-detected', 'data-provider': provider.id },
      h('h2', {}, 'Your email provider'),
      h('p', { class: 'provider-name', id: 'detected-provider' }, provider.name),
      email ? h('p', { class: 'hint' }, `Detected for ${email}.`) : null,
      provider.enabled ? null : notEnabled([provider]),
      h('div', { class: 'actions' },
        provider.enabled ? h('button', { type: 'button', id: 'provider-continue', onclick: () => start(provider) }, 'Continue') : null,
        h('button', { type: 'button', class: 'secondary', id: 'provider-other', onclick: () => showChoice(provider.id) }, 'Select a Different Provider'))));
    stage.querySelector('#provider-continue')?.focus();
  }

  function showChoice(current) {
    const disabled = providers.filter(p => !p.enabled);
    const anyEnabled = disabled.length < providers.length;
    const form = h('form', { class: 'card provider-screen', id: 'provider-choice' },
      h('fieldset', {},
        h('legend', {}, current ? 'Select a different provider' : 'Select your email provider'),
        providers.map(p => h('div', { class: 'choice' },
          h('input', { type: 'radio', name: 'provider', id: `provider-${p.id}`, value: p.id, checked: p.id === current && p.enabled, disabled: !p.enabled }),
          h('label', { for: `provider-${p.id}` }, p.name, p.suggested ? ' (detected)' : '', p.enabled ? '' : ' — not enabled for your organization yet')))),
      disabled.length ? notEnabled(disabled) : null,
      anyEnabled ? h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'provider-choice-continue' }, 'Continue')) : null);
    form.addEventListener('submit', event => {
      event.preventDefault();
      const picked = providers.find(p => p.id === form.elements.provider?.value && p.enabled);
      if (!picked) {
        form.querySelector('.choice input:not([disabled])')?.focus();
        return;
      }
      start(picked);
    });
    replace(stage, form);
    (form.querySelector('input:checked') ?? form.querySelector('input:not([disabled])') ?? form.querySelector('#provider-admin-link'))?.focus();
  }

  // Who enables a provider and how: the Ticket Request, Navusoft's review, then an administrator in the Admin console.
  function notEnabled(disabled) {
    const names = disabled.map(p => p.name);
    const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    const subject = `${listed} ${names.length === 1 ? 'is' : 'are'}`;
    const admin = isAdmin();
    return h('div', { class: 'alert alert-warning not-enabled', id: 'provider-not-enabled' },
      h('p', {}, h('strong', {}, `${subject} not enabled for your organization yet.`),
        ' Linking needs Navusoft\'s review of the third-party integration first, and then an administrator of your organization enables it.'),
      h('ol', { class: 'not-enabled-steps' },
        h('li', {}, `Submit a Ticket Request in Navusoft for the integration review of ${listed}.`),
        h('li', {}, 'Once Navusoft has reviewed it, an administrator of your organization enables the provider in Admin console → Providers, entering the Ticket Request number.'),
        h('li', {}, 'Come back to this screen and continue: linking works at once.')),
      admin
        ? h('p', {}, h('a', { class: 'button', href: '#/admin/providers', id: 'provider-admin-link' }, 'Open Admin console → Providers'))
        : h('p', { id: 'provider-ask-admin' }, 'You are not an administrator: ask one of your organization\'s Navusoft administrators to do this.'));
  }

  // Opens the provider's sign-in in its own window (opened at once, inside the click, so popup
  // blockers allow it), then follows it until the host's callback answers.
  async function start(provider) {
    if (provider.kind === 'password') {
      showMailboxForm(provider);
      return;
    }
    const popup = window.open('about:blank', 'navusoft-link', 'popup,width=520,height=700');
    const startedAt = Date.now();
    replace(stage, loading(`Starting the sign-in with ${provider.name}…`));
    let started;
    try {
      started = await Api.startLink(provider.id, email || undefined);
    } catch (error) {
      popup?.close();
      replace(stage, errorBox(error), backButton());
      return;
    }
    const reopen = h('button', { type: 'button', class: 'secondary', id: 'open-signin', onclick: () => follow(window.open(started.authorizationUrl, 'navusoft-link', 'popup,width=520,height=700')) }, popup ? 'Open the sign-in window again' : 'Open the sign-in window');
    replace(stage, h('div', { class: 'card', id: 'link-waiting' },
      h('h2', {}, `Log in to ${provider.name}`),
      h('p', {}, `Enter your ${email ? `${email} ` : ''}credentials in the sign-in window and choose "Log In". This page updates when you are done.`),
      h('p', { class: 'hint', id: 'popup-blocked', hidden: Boolean(popup) }, 'Your browser blocked the sign-in window: open it with the button below.'),
      loading('Waiting for the sign-in…'),
      h('div', { class: 'actions' }, reopen, h('button', { type: 'button', class: 'secondary', onclick: () => { stopWatching(); popup?.close(); showDetected(provider); } }, 'Cancel'))));
    if (popup) popup.location.href = started.authorizationUrl;
    follow(popup);

    function follow(win) {
      stopWatching();
      if (!win) return;
      listener = event => relayed(event, win, provider);
      window.addEventListener('message', listener);
      watcher = setInterval(async () => {
        const answer = readCallback(win);
        if (answer) {
          stopWatching();
          win.close();
          if (answer.linkId) succeeded(answer, provider);
          else replace(stage, errorBox(answer), backButton());
          return;
        }
        if (win.closed) {
          stopWatching();
          await closedEarly(provider, startedAt);
        }
      }, 250);
    }
  }

  // The callback's JSON once the window is back on this origin at /api/links/callback/…; else null
  // (also while it shows the page that relays the answer by message instead).
  function readCallback(win) {
    try {
      if (win.closed || win.location.origin !== location.origin) return null;
      if (!win.location.pathname.startsWith('/api/links/callback/') || win.document.readyState !== 'complete') return null;
      if (!/^application\/(problem\+)?json$/.test(win.document.contentType)) return null; // an answer or a problem
      const text = (win.document.querySelector('pre') ?? win.document.body)?.textContent ?? '';
      return JSON.parse(text);
    } catch {
      return null; // still at the provider (another origin) or not loaded yet
    }
  }

  // The callback page's message from the sign-in window: repeated with this page's token.
  async function relayed(event, win, provider) {
    if (event.origin !== location.origin || event.source !== win) return;
    const data = event.data;
    if (data?.type !== 'navusoft-link-callback' || typeof data.state !== 'string') return;
    stopWatching();
    win.close();
    replace(stage, loading(`Finishing the link with ${provider.name}…`));
    const query = new URLSearchParams();
    for (const key of ['code', 'state', 'error']) {
      if (typeof data[key] === 'string' && data[key]) query.set(key, data[key]);
    }
    try {
      const answer = await api(`/api/links/callback/${encodeURIComponent(provider.id)}?${query}`);
      if (!disposed) succeeded(answer, provider);
    } catch (error) {
      if (!disposed) replace(stage, errorBox(error), backButton());
    }
  }

  async function closedEarly(provider, startedAt) {
    try {
      const links = await Api.links();
      const linked = links.find(l => l.provider === provider.id && Date.parse(l.linkedAt) >= startedAt - 60000
        && (!email || l.externalAccount.toLowerCase() === email.toLowerCase()) && l.status !== 'Unlinked');
      if (linked) {
        succeeded({ status: linked.status, externalAccount: linked.externalAccount, message: `Your ${provider.name} account ${linked.externalAccount} is linked.` }, provider);
        return;
      }
    } catch { /* fall through */ }
    replace(stage, h('div', { class: 'alert alert-warning', role: 'alert', id: 'link-closed' },
      h('p', {}, 'The sign-in window was closed before linking finished. Nothing was linked.')), backButton());
  }

  function succeeded(answer, provider) {
    replace(stage, h('div', { class: 'card success', id: 'link-success', role: 'status' },
      h('h2', {}, 'Linked'),
      h('p', { id: 'link-success-message' }, answer.message),
      h('p', {}, `${provider.name} · ${answer.externalAccount} `, answer.status ? statusBadge(answer.status) : null),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: '#/links', id: 'view-links' }, 'View linked accounts'),
        h('a', { class: 'button secondary', href: '#/calendar' }, 'Open my calendar'))));
    stage.querySelector('#view-links').focus();
  }

  function backButton() {
    return h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => detect(null) }, 'Back to the provider screen'));
  }

  function stopWatching() {
    clearInterval(watcher);
    watcher = null;
    if (listener) window.removeEventListener('message', listener);
    listener = null;
  }

  detect(params.get('provider'));
  return { dispose: () => { disposed = true; stopWatching(); } };
}

export { PROVIDER_NAMES };

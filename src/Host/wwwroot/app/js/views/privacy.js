// "Privacy settings" (every user: their own blocklist and what colleagues see of their items) and
// "Organization privacy policy" (admins: the tenant's blocklist, internal domains, bulk mail and
// visibility level). Both save the whole document with PUT and show the server's field errors by
// their fields.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api } from '../api.js';
import { getSession } from '../session.js';
import { confirmDialog } from './common.js';
import { entryList, levelChoice, levelRank, showFieldErrors, LEVEL_TEXT } from './fields.js';

const BLOCKLIST_HINT = 'Email and meetings with these addresses never sync. An @domain entry (such as @newsletter.example) covers its subdomains too.';
const BLOCKLIST_PLACEHOLDER = 'name@example.com or @example.com';

export const isAdmin = () => getSession()?.claims?.role === 'admin';

/** A page that loads a settings document, draws its form, and redraws it after a save. */
function settingsPage(main, { title, intro, load, draw }) {
  const status = h('div', { id: 'privacy-status', 'aria-live': 'polite' });
  const body = h('div', { id: 'privacy-body', 'aria-busy': 'true' }, loading('Loading…'));
  let disposed = false;
  main.append(h('h1', {}, title), ...[].concat(intro), body, status);

  async function reload(message) {
    body.setAttribute('aria-busy', 'true');
    let document;
    try {
      document = await load();
    } catch (error) {
      if (disposed) return;
      body.setAttribute('aria-busy', 'false');
      replace(body, errorBox(error, () => reload()));
      return;
    }
    if (disposed) return;
    body.setAttribute('aria-busy', 'false');
    // A retry's button goes away with the error: focus moves to the heading rather than being lost.
    const focusWasInside = body.contains(window.document.activeElement);
    replace(body, draw(document, { status, saved }));
    if (focusWasInside) main.querySelector('h1')?.focus();
    if (message) replace(status, message);
  }

  // After a save: the PUT's answer when it carries the document, else a fresh read.
  function saved(answer, text) {
    const message = h('p', { class: 'alert alert-info', role: 'status', id: 'privacy-saved' }, text);
    if (answer && Array.isArray(answer.blocklist)) {
      replace(body, draw(answer, { status, saved }));
      replace(status, message);
    } else {
      reload(message);
    }
  }

  reload();
  return { dispose: () => { disposed = true; } };
}

async function submit(button, status, request, fields, onSaved) {
  button.disabled = true;
  replace(status, h('p', { class: 'loading', role: 'status' }, 'Saving…'));
  try {
    onSaved(await request());
  } catch (error) {
    button.disabled = false;
    for (const field of Object.values(fields)) field.showErrors(undefined);
    if (error.status === 400) showFieldErrors(error, fields, status);
    else replace(status, errorBox(error));
  }
}

export function privacySettingsView(main) {
  return settingsPage(main, {
    title: 'Privacy settings',
    intro: h('p', { class: 'hint' }, 'What syncs from your mailbox, and what colleagues see of your emails and appointments on account calendars. Your settings add to your organization\'s policy and can only be stricter.'),
    load: () => Api.myPrivacy(),
    draw: (settings, { status, saved }) => {
      const tenantLevel = settings.tenantAccountVisibility ?? settings.tenant?.accountVisibility ?? null;
      const tenantBlocklist = settings.tenantBlocklist ?? settings.tenant?.blocklist ?? [];
      const fields = {
        blocklist: entryList({ id: 'blocklist', label: 'Blocked addresses and domains', hint: BLOCKLIST_HINT, placeholder: BLOCKLIST_PLACEHOLDER, entries: settings.blocklist }),
        accountVisibility: levelChoice({
          id: 'accountVisibility', legend: 'What colleagues see of your items', value: settings.effectiveAccountVisibility ?? settings.accountVisibility ?? 'full', strictest: tenantLevel,
          note: tenantLevel
            ? `Your organization's level is "${LEVEL_TEXT[tenantLevel]?.name ?? tenantLevel}": choose it or a stricter one. Your own mailbox's items always show in full to you.`
            : 'You can choose your organization\'s level or a stricter one. Your own mailbox\'s items always show in full to you.',
        }),
      };
      const button = h('button', { type: 'submit', id: 'privacy-save' }, 'Save');
      const form = h('form', { class: 'card settings-form', id: 'privacy-form', novalidate: true },
        h('h2', {}, 'Blocked senders and recipients'),
        fields.blocklist.element,
        tenantBlocklist.length ? h('p', { class: 'hint', id: 'tenant-blocklist' }, `Your organization also blocks: ${tenantBlocklist.join(', ')}.`) : null,
        h('h2', {}, 'Visibility'),
        fields.accountVisibility.element,
        h('div', { class: 'actions' }, button));
      form.addEventListener('submit', event => {
        event.preventDefault();
        submit(button, status, () => Api.saveMyPrivacy({ blocklist: fields.blocklist.value(), accountVisibility: fields.accountVisibility.value() }),
          fields, answer => saved(answer, 'Your privacy settings are saved.'));
      });
      return form;
    },
  });
}

/** Whether the new policy erases stored items: it blocks more, or filters internal or bulk mail it kept. */
export function erasesItems(before, after) {
  const adds = (was, now) => (now ?? []).some(x => !(was ?? []).includes(x));
  return adds(before.blocklist, after.blocklist)
    || (after.excludeInternal && (!before.excludeInternal || adds(before.internalDomains, after.internalDomains)))
    || (after.excludeBulk && !before.excludeBulk);
}

export function tenantPrivacyView(main) {
  if (!isAdmin()) {
    main.append(h('h1', {}, 'Organization privacy policy'),
      h('div', { class: 'alert alert-warning', role: 'alert', id: 'admin-only' },
        h('p', {}, 'Only administrators of your organization see and change its privacy policy.'),
        h('a', { href: '#/settings/privacy' }, 'Your own privacy settings')));
    return {};
  }
  return settingsPage(main, {
    title: 'Organization privacy policy',
    intro: [
      h('p', { class: 'hint' }, 'What syncs from every linked mailbox of your organization, and what colleagues see of each other\'s items. Users can add stricter settings of their own.'),
      h('div', { class: 'alert alert-warning', id: 'policy-warning' },
        h('p', {}, h('strong', {}, 'Stricter rules apply to what is already stored. '),
          'Emails and appointments that no longer qualify leave every calendar and their content is erased from the store, for good. Looser rules look back in the mailboxes for what now qualifies.')),
    ],
    load: () => Api.tenantPrivacy(),
    draw: policyForm,
  });
}

function policyForm(policy, { status, saved }) {
  const fields = {
    blocklist: entryList({ id: 'blocklist', label: 'Blocked addresses and domains', hint: BLOCKLIST_HINT, placeholder: BLOCKLIST_PLACEHOLDER, entries: policy.blocklist }),
    internalDomains: entryList({
      id: 'internalDomains', label: 'Internal domains', placeholder: 'example.com',
      hint: 'Your organization\'s own domains (their subdomains count too).', entries: policy.internalDomains,
      normalize: v => v.trim().toLowerCase().replace(/^@/, ''),
    }),
    excludeInternal: checkbox('excludeInternal', 'Exclude internal-only email and meetings', 'A thread or meeting whose participants are all in the internal domains never syncs.', policy.excludeInternal),
    excludeBulk: checkbox('excludeBulk', 'Exclude bulk mail', 'Newsletters, mailing lists and automatic mail (List-Unsubscribe, List-Id, Precedence, Auto-Submitted headers) and mail from no-reply addresses never sync.', policy.excludeBulk),
    accountVisibility: levelChoice({ id: 'accountVisibility', legend: 'What colleagues see of each other\'s items', value: policy.accountVisibility ?? 'full', note: 'The level for everyone; a user may choose a stricter one for their own items.' }),
    reason: textField('reason', 'Reason for this change (optional)', 'Kept with the change in the privacy history, with your name.'),
  };
  const button = h('button', { type: 'submit', id: 'policy-save' }, 'Save policy');
  const form = h('form', { class: 'card settings-form', id: 'policy-form', novalidate: true },
    h('h2', {}, 'What never syncs'),
    fields.blocklist.element, fields.internalDomains.element, fields.excludeInternal.element, fields.excludeBulk.element,
    h('h2', {}, 'Visibility'),
    fields.accountVisibility.element,
    h('h2', {}, 'Save'),
    fields.reason.element,
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const next = {
      blocklist: fields.blocklist.value(), internalDomains: fields.internalDomains.value(),
      excludeInternal: fields.excludeInternal.value(), excludeBulk: fields.excludeBulk.value(),
      accountVisibility: fields.accountVisibility.value(),
    };
    if (erasesItems(policy, next) && !await confirmDialog('Erase what no longer qualifies?',
      'Stored emails and appointments that this policy excludes leave every calendar, and their content is erased from the store. This cannot be undone.', 'Save and erase')) return;
    const reason = fields.reason.value() || undefined;
    const looser = levelRank(next.accountVisibility) < levelRank(policy.accountVisibility);
    submit(button, status, () => Api.saveTenantPrivacy({ ...next, reason }), fields,
      answer => saved(answer, looser ? 'The policy is saved. Colleagues now see more of each other\'s items.' : 'The policy is saved.'));
  });
  return form;
}

function checkbox(id, label, hint, checked) {
  const input = h('input', { type: 'checkbox', id: `policy-${id}`, checked: Boolean(checked), 'aria-describedby': `policy-${id}-hint policy-${id}-error` });
  const error = h('p', { class: 'field-error', id: `policy-${id}-error`, hidden: true });
  return {
    element: h('div', { class: 'field' },
      h('div', { class: 'choice' }, input, h('label', { for: `policy-${id}` }, label)),
      h('p', { class: 'hint', id: `policy-${id}-hint` }, hint), error),
    input,
    value: () => input.checked,
    showErrors: group => {
      error.textContent = group?.messages?.join(' ') ?? '';
      error.hidden = !group;
      if (group) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

function textField(id, label, hint) {
  const input = h('input', { id: `policy-${id}`, autocomplete: 'off', maxlength: 500, 'aria-describedby': `policy-${id}-hint policy-${id}-error` });
  const error = h('p', { class: 'field-error', id: `policy-${id}-error`, hidden: true });
  return {
    element: h('div', { class: 'field' }, h('label', { for: `policy-${id}` }, label), h('p', { class: 'hint', id: `policy-${id}-hint` }, hint), input, error),
    input,
    value: () => input.value.trim(),
    showErrors: group => {
      error.textContent = group?.messages?.join(' ') ?? '';
      error.hidden = !group;
      if (group) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

// The admin console's Providers (enable with the reviewed Ticket Request's number, disable) and Custom domains (map a
// domain to its provider, remove it). The server validates; its field errors show next to their fields.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api } from '../api.js';
import { userTimeZone } from '../session.js';
import { confirmDialog } from './common.js';
import { errorSlot, groupFieldErrors } from './fields.js';
import { absoluteLabel } from './live.js';

/** Loads with `read`, draws with `draw(answer, reload)`, and handles 403 (not an admin) and other errors. */
function section(panel, { title, intro, read, draw, forbidden }) {
  const status = h('div', { class: 'admin-status', 'aria-live': 'polite' });
  const body = h('div', { class: 'admin-body', 'aria-busy': 'true' }, loading());
  replace(panel, h('h2', {}, title), intro, status, body);
  let disposed = false;
  async function reload(message) {
    let answer;
    try {
      answer = await read();
    } catch (error) {
      if (disposed) return;
      if (error.status === 403) forbidden();
      else replace(body, errorBox(error, () => reload()));
      return;
    }
    if (disposed) return;
    body.setAttribute('aria-busy', 'false');
    replace(body, draw(answer, { reload, status }));
    if (!message) {
      replace(status);
      return;
    }
    // The control that was used is gone with the redraw: the focus goes to what happened.
    const saved = h('p', { class: 'alert alert-info', role: 'status', id: 'admin-saved', tabindex: '-1' }, message);
    replace(status, saved);
    saved.focus();
  }
  reload();
  return { dispose: () => { disposed = true; } };
}

/** A labelled text box with its error slot. */
function textField(id, label, attrs = {}) {
  const input = h('input', { id, name: id, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-error`, ...attrs });
  const error = errorSlot(id, input);
  return { input, error, element: h('div', { class: 'field' }, h('label', { for: id }, label), input, error.element) };
}

/** Shows a 400's field errors by their fields (`fields`: name → slot) and the rest, or any other error, in `status`. */
function showProblem(error, fields, status, forbidden) {
  if (error.status === 403) {
    forbidden();
    return;
  }
  const groups = error.status === 400 ? groupFieldErrors(error.errors) : new Map();
  let first = null;
  for (const [name, field] of Object.entries(fields)) {
    const group = groups.get(name);
    field.error.show(group?.messages);
    if (group && !first) first = field.input;
  }
  const rest = [...groups.entries()].filter(([name]) => !(name in fields));
  replace(status, first && rest.length === 0
    ? h('p', { class: 'alert alert-error', role: 'alert' }, 'Not saved: see the message by the field.')
    : errorBox(error));
  first?.focus();
}

function who(by, at, tz) {
  return at ? `${by ?? 'someone'}, ${absoluteLabel(at, tz)}` : 'never';
}

export function providersSection(panel, { forbidden }) {
  const tz = userTimeZone();
  return section(panel, {
    title: 'Providers',
    intro: h('p', { class: 'hint', id: 'providers-explained' },
      'Users of your organization can link their mailboxes and calendars at an enabled provider; enable one once Navusoft\'s integration review of your Ticket Request is done.'),
    read: () => Api.adminProviders(),
    forbidden,
    draw: (providers, { reload, status }) => h('ul', { class: 'admin-list', id: 'admin-providers' },
      providers.map(p => providerCard(p, tz, { reload, status, forbidden }))),
  });
}

function providerCard(provider, tz, context) {
  return h('li', { class: `card admin-provider${provider.enabled ? ' enabled' : ''}`, 'data-provider': provider.id },
    h('div', { class: 'link-title' }, h('h3', {}, provider.name),
      h('span', { class: `badge ${provider.enabled ? 'status-active' : 'status-unlinked'}`, 'data-enabled': String(provider.enabled) }, provider.enabled ? 'Enabled' : 'Not enabled')),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Review ticket'), h('dd', { class: 'review-ticket' }, provider.reviewTicket ?? 'none'),
      h('dt', {}, 'Last changed'), h('dd', { class: 'changed' }, who(provider.changedBy, provider.changedAt, tz))),
    provider.enabled ? disableButton(provider, context) : enableForm(provider, context));
}

function enableForm(provider, { reload, status, forbidden }) {
  const ticket = textField(`ticket-${provider.id}`, 'Ticket Request number', { 'aria-required': 'true', placeholder: 'TR-1234', maxlength: 100 });
  const button = h('button', { type: 'submit', class: 'enable-provider', 'aria-label': `Enable ${provider.name}` }, 'Enable');
  const form = h('form', { class: 'enable-form', novalidate: true }, ticket.element, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    try {
      const value = ticket.input.value.trim();
      await Api.setProvider(provider.id, true, value);
      reload(`${provider.name} is enabled: users of your organization can link it now (Ticket Request ${value}).`);
    } catch (error) {
      button.disabled = false;
      showProblem(error, { reviewTicket: ticket }, status, forbidden);
    }
  });
  return form;
}

function disableButton(provider, { reload, status, forbidden }) {
  return h('div', { class: 'actions' }, h('button', {
    type: 'button', class: 'danger disable-provider', 'aria-label': `Disable ${provider.name}`,
    onclick: async event => {
      const button = event.currentTarget;
      const ok = await confirmDialog(`Disable ${provider.name}?`,
        `Users of your organization can no longer link ${provider.name} until an administrator enables it again.`, 'Disable');
      if (!ok) {
        button.focus();
        return;
      }
      try {
        await Api.setProvider(provider.id, false, provider.reviewTicket ?? undefined);
        reload(`${provider.name} is disabled.`);
      } catch (error) {
        showProblem(error, {}, status, forbidden);
      }
    },
  }, 'Disable'));
}

export function domainsSection(panel, { forbidden }) {
  const tz = userTimeZone();
  return section(panel, {
    title: 'Custom domains',
    intro: h('p', { class: 'hint' }, 'Addresses at these domains are detected as the provider that hosts them on the provider screen (for example your own domain on Microsoft 365).'),
    read: async () => ({ domains: await Api.domains(), providers: await Api.adminProviders() }),
    forbidden,
    draw: ({ domains, providers }, { reload, status }) => {
      const names = Object.fromEntries(providers.map(p => [p.id, p.name]));
      return [
        domains.length === 0
          ? h('p', { class: 'empty', id: 'domains-empty' }, 'No custom domains yet.')
          : domainTable(domains, names, tz, { reload, status, forbidden }),
        domainForm(providers, { reload, status, forbidden }),
      ];
    },
  });
}

function domainTable(domains, names, tz, { reload, status, forbidden }) {
  const remove = async (d, button) => {
    if (!await confirmDialog(`Remove ${d.domain}?`, `Addresses at ${d.domain} are no longer detected as ${names[d.provider] ?? d.provider}.`, 'Remove')) {
      button.focus();
      return;
    }
    try {
      await Api.unmapDomain(d.domain);
      reload(`${d.domain} is removed.`);
    } catch (error) {
      showProblem(error, {}, status, forbidden);
    }
  };
  return h('table', { class: 'admin-table', id: 'admin-domains' },
    h('caption', { class: 'sr-only' }, 'Custom domains'),
    h('thead', {}, h('tr', {}, ['Domain', 'Provider', 'Mapped', 'Action'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, domains.map(d => h('tr', { 'data-domain': d.domain },
      h('th', { scope: 'row', 'data-label': 'Domain' }, d.domain),
      h('td', { 'data-label': 'Provider' }, names[d.provider] ?? d.provider),
      h('td', { 'data-label': 'Mapped' }, who(d.mappedBy, d.mappedAt, tz)),
      h('td', { 'data-label': 'Action' }, h('button', {
        type: 'button', class: 'danger remove-domain', 'aria-label': `Remove ${d.domain}`, onclick: event => remove(d, event.currentTarget),
      }, 'Remove'))))));
}

function domainForm(providers, { reload, status, forbidden }) {
  const domain = textField('domain-name', 'Domain', { placeholder: 'acme.com', inputmode: 'url', 'aria-required': 'true' });
  const select = h('select', { id: 'domain-provider', name: 'domain-provider', 'aria-describedby': 'domain-provider-error' },
    providers.map(p => h('option', { value: p.id }, p.name)));
  const provider = { input: select, error: errorSlot('domain-provider', select) };
  const button = h('button', { type: 'submit', id: 'domain-add' }, 'Add domain');
  const form = h('form', { class: 'card settings-form', id: 'domain-form', novalidate: true },
    h('h3', {}, 'Add a custom domain'),
    h('div', { class: 'two-columns' }, domain.element,
      h('div', { class: 'field' }, h('label', { for: 'domain-provider' }, 'Hosted by'), select, provider.error.element)),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    const value = domain.input.value.trim();
    if (!value) { // an empty name would address another route: asked for here
      button.disabled = false;
      domain.error.show(['Enter a domain such as acme.com.']);
      domain.input.focus();
      return;
    }
    try {
      await Api.mapDomain(value, select.value);
      reload(`${value.toLowerCase()} is mapped to ${select.selectedOptions[0]?.textContent ?? select.value}.`);
    } catch (error) {
      button.disabled = false;
      showProblem(error, { domain, provider }, status, forbidden);
    }
  });
  return form;
}

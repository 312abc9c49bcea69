// The Account Calendar's account picker: a type-ahead search over the tenant's accounts (name words, prefixes,
// small typos, contact email), the accounts the user opened recently, and the accounts on the user's calendar.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api, accountName } from '../api.js';
import { getSession, userTimeZone, forgetOnSignOut } from '../session.js';
import { todayIn, addDays } from '../format.js';

const DEBOUNCE_MS = 150;
const PAGE_SIZE = 10;
const MAX_RECENT = 8;
const RECENT_KEY = 'navusoft.recent-accounts';

// ---- recent accounts: per signed-in user, in this tab's sessionStorage, forgotten at sign-in and sign-out -----

const recentAccounts = forgetOnSignOut({ clear: () => sessionStorage.removeItem(RECENT_KEY) });

function currentUser() {
  const claims = getSession()?.claims;
  return claims ? `${claims.tid ?? ''}|${claims.sub ?? ''}` : null;
}

/** The accounts the signed-in user opened, most recent first: [{accountId, name}]. */
export function recentAccountList() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(RECENT_KEY) ?? 'null');
    const user = currentUser();
    if (!user || stored?.user !== user || !Array.isArray(stored.items)) return [];
    return stored.items.filter(a => typeof a?.accountId === 'string' && typeof a?.name === 'string').slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

function rememberAccount(accountId, name) {
  const user = currentUser();
  if (!user || !accountId || !name) return;
  const items = [{ accountId, name }, ...recentAccountList().filter(a => a.accountId !== accountId)].slice(0, MAX_RECENT);
  sessionStorage.setItem(RECENT_KEY, JSON.stringify({ user, items }));
}

// ---- the combobox (WAI-ARIA combobox with a listbox popup) ------------------------------------------------------

const calendarPath = id => `/accounts/${encodeURIComponent(id)}/calendar`;

function optionLabel(hit) {
  const parts = [hit.accountId];
  if (typeof hit.contactCount === 'number') parts.push(`${hit.contactCount} ${hit.contactCount === 1 ? 'contact' : 'contacts'}`);
  if (hit.matchedOn === 'email') parts.push('matched on contact email');
  return parts.join(' · ');
}

function statusText(items, more, query) {
  if (!query) return items.length ? `${items.length} recent ${items.length === 1 ? 'account' : 'accounts'}.` : '';
  if (items.length === 0) return `No account matches “${query}”.`;
  const count = `${items.length}${more ? '+' : ''} ${items.length === 1 && !more ? 'account matches' : 'accounts match'}`;
  return more ? `${count}; type more to narrow the list.` : `${count}.`;
}

/**
 * A type-ahead account search: input role=combobox controlling a listbox of accounts. Arrow keys move through the
 * options, Enter opens the highlighted account's calendar (or, with none highlighted, the first match, else the
 * typed text as an account id), Escape closes the list (and a second Escape clears the text).
 */
function accountCombobox({ id, label, go, value = '', placeholder }) {
  const listId = `${id}-options`;
  const input = h('input', {
    id, type: 'text', name: 'account', value, autocomplete: 'off', spellcheck: 'false', placeholder,
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-describedby': `${id}-help`,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'account-options', 'aria-label': 'Accounts', hidden: true });
  const status = h('p', { id: `${id}-status`, class: 'combobox-status', role: 'status' });
  const box = h('div', { class: 'account-combobox', role: 'search' },
    h('label', { for: id }, label),
    h('div', { class: 'combobox-field' }, input, list),
    h('p', { id: `${id}-help`, class: 'hint combobox-help' }, 'Type a name, part of a name or a contact’s email; arrow keys choose, Enter opens.'),
    status);

  let options = [];
  let active = -1;
  let answeredFor = null;
  let sequence = 0;
  let timer = null;

  const open = () => { if (options.length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); } };
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); highlight(-1); };

  function highlight(index) {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${index}`);
      list.children[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function show(items, more, query) {
    options = items;
    answeredFor = query;
    replace(list, items.map((hit, i) => h('li', {
      id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', class: 'account-option', 'data-account-id': hit.accountId,
      onmousedown: event => event.preventDefault(), // keeps focus in the input
      onclick: () => choose(hit),
    }, h('span', { class: 'option-name' }, hit.name), h('span', { class: 'option-meta' }, optionLabel(hit)))));
    status.textContent = statusText(items, more, query);
    highlight(-1);
    if (items.length && document.activeElement === input) open(); else close();
  }

  function choose(hit) {
    rememberAccount(hit.accountId, hit.name);
    close();
    go(calendarPath(hit.accountId));
  }

  async function search(query) {
    const mine = ++sequence;
    if (!query) { show(recentAccountList(), false, ''); return; }
    try {
      const page = await Api.searchAccounts(query, { limit: PAGE_SIZE });
      if (mine === sequence) show(page.items ?? [], Boolean(page.nextCursor), query);
    } catch (error) {
      if (mine !== sequence) return;
      show([], false, query);
      status.textContent = `The search failed: ${error?.detail || error?.title || error?.message || 'try again'}.`;
    }
  }

  /** Enter with no option highlighted: the first match of the typed text (searched now if still pending), else the text as an account id. */
  async function accept(typed) {
    if (answeredFor !== typed) {
      clearTimeout(timer);
      await search(typed);
    }
    if (answeredFor !== typed || input.value.trim() !== typed) return; // the text changed meanwhile
    if (options.length) choose(options[0]);
    else go(calendarPath(typed));
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value.trim();
    timer = setTimeout(() => search(query), query ? DEBOUNCE_MS : 0);
  });
  input.addEventListener('focus', () => { if (!input.value.trim() && answeredFor === null) search(''); else open(); });
  input.addEventListener('blur', () => close());
  input.addEventListener('keydown', event => onKey(event));

  function onKey(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!options.length) return;
      if (list.hidden) open();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const typed = input.value.trim();
      if (active >= 0) choose(options[active]);
      else if (typed) accept(typed);
    } else if (event.key === 'Escape') {
      if (!list.hidden) { event.preventDefault(); close(); } else if (input.value) { event.preventDefault(); input.value = ''; show([], false, ''); }
    }
  }

  return box;
}

// ---- the exports the routes use -----------------------------------------------------------------------------

/** The account switch on an account's calendar; also records the visit among the user's recent accounts. */
export function accountSwitch(go, currentId) {
  if (currentId) accountName(currentId).then(name => { if (name) rememberAccount(currentId, name); });
  return accountCombobox({ id: 'account-id', label: 'Switch account', go, placeholder: 'Find an account' });
}

/** The Account Calendar's landing: search the tenant's accounts, reopen a recent one, or pick one your calendar mentions. */
export function accountPickerView(main, route, { go }) {
  const tz = userTimeZone();
  const list = h('div', { id: 'known-accounts-list', 'aria-live': 'polite' }, loading('Finding the accounts on your calendar…'));
  const recent = recentAccountList();
  let disposed = false;
  main.append(
    h('h1', {}, 'Account Calendar'),
    h('p', { class: 'hint' }, 'The emails and appointments of every linked user with the contacts of one customer account.'),
    accountCombobox({ id: 'account-search', label: 'Find an account', go, placeholder: 'e.g. Greenfield, grenfeild or pat@greenfield.example' }),
    recent.length ? h('section', { class: 'recent-accounts', 'aria-labelledby': 'recent-accounts-heading' },
      h('h2', { id: 'recent-accounts-heading' }, 'Recent accounts'),
      h('ul', { id: 'recent-accounts-list', class: 'account-list' }, recent.map(a => h('li', {},
        h('a', { href: `#${calendarPath(a.accountId)}`, 'data-account-id': a.accountId }, `${a.name} (${a.accountId})`))))) : null,
    h('h2', {}, 'Accounts on your calendar'),
    list);
  (async () => {
    const today = todayIn(tz);
    try {
      const answer = await Api.calendar({ kind: 'user' }, addDays(today, -180), addDays(today, 180), tz);
      if (disposed) return;
      const counts = new Map();
      for (const day of answer.days) for (const item of day.items) for (const id of item.accountIds ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
      if (counts.size === 0) {
        replace(list, h('p', { class: 'empty' }, 'No account appears on your calendar in the last or next six months. Search for one above.'));
        return;
      }
      const ids = [...counts.keys()].sort();
      const names = await Promise.all(ids.map(accountName));
      if (disposed) return;
      replace(list, h('ul', { class: 'account-list' }, ids.map((id, i) => h('li', {},
        h('a', { href: `#${calendarPath(id)}`, 'data-account-id': id }, names[i] ? `${names[i]} (${id})` : id),
        h('span', { class: 'meta' }, ` ${counts.get(id)} ${counts.get(id) === 1 ? 'item' : 'items'}`)))));
    } catch (error) {
      if (!disposed) replace(list, errorBox(error));
    }
  })();
  return { dispose: () => { disposed = true; } };
}

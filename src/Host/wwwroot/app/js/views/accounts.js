// The Account Calendar's account picker: the switch on an account's calendar and the landing page that lists
// the accounts on the user's calendar.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api, accountName } from '../api.js';
import { userTimeZone } from '../session.js';
import { todayIn, addDays } from '../format.js';

export function accountSwitch(go, currentId) {
  const input = h('input', { id: 'account-id', name: 'account', value: currentId ?? '', required: true, autocomplete: 'off', list: 'known-accounts', placeholder: 'e.g. ACC-1001' });
  const form = h('form', { class: 'inline-form', id: 'account-form', role: 'search' },
    h('label', { for: 'account-id' }, 'Account'),
    input, h('datalist', { id: 'known-accounts' }),
    h('button', { type: 'submit', class: 'secondary' }, 'Open'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const id = input.value.trim();
    if (id) go(`/accounts/${encodeURIComponent(id)}/calendar`);
  });
  return form;
}

/** The Account Calendar's landing: type an account id, or pick one your calendar mentions. */
export function accountPickerView(main, route, { go }) {
  const tz = userTimeZone();
  const list = h('div', { id: 'known-accounts-list', 'aria-live': 'polite' }, loading('Finding the accounts on your calendar…'));
  let disposed = false;
  main.append(
    h('h1', {}, 'Account Calendar'),
    h('p', { class: 'hint' }, 'The emails and appointments of every linked user with the contacts of one customer account.'),
    accountSwitch(go, ''),
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
        replace(list, h('p', { class: 'empty' }, 'No account appears on your calendar in the last or next six months. Type an account id above.'));
        return;
      }
      const ids = [...counts.keys()].sort();
      const names = await Promise.all(ids.map(accountName));
      if (disposed) return;
      replace(list, h('ul', { class: 'account-list' }, ids.map((id, i) => h('li', {},
        h('a', { href: `#/accounts/${encodeURIComponent(id)}/calendar`, 'data-account-id': id }, names[i] ? `${names[i]} (${id})` : id),
        h('span', { class: 'meta' }, ` ${counts.get(id)} ${counts.get(id) === 1 ? 'item' : 'items'}`)))));
      const datalist = main.querySelector('#known-accounts');
      datalist?.replaceChildren(...ids.map((id, i) => h('option', { value: id }, names[i] ?? id)));
    } catch (error) {
      if (!disposed) replace(list, errorBox(error));
    }
  })();
  return { dispose: () => { disposed = true; } };
}


// The User Calendar/Appointments screen and the Account Calendar: a month view. A date with one
// item shows its email subject or appointment title (click opens it); a date with several shows
// "Events" (double-click, or Enter, opens that date's list). Overlays live in the route
// (&day=, &email=, &appointment=) so Back and deep links work.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api, accountName } from '../api.js';
import { userTimeZone } from '../session.js';
import { todayIn, monthOf, addMonths, monthLabel, parseDate, isoDate, addDays, dateLabel, timeLabel } from '../format.js';
import { linkProblem, relinkHref, relinkLabel } from './common.js';
import { openOverlay } from './details.js';
import { accountSwitch } from './accounts.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function calendarView(main, route, { go, owner }) {
  const tz = userTimeZone();
  const today = todayIn(tz);
  const requested = route.params.get('month');
  const month = /^\d{4}-\d{2}$/.test(requested ?? '') ? requested : monthOf(today);
  const basePath = owner.kind === 'account' ? `/accounts/${encodeURIComponent(owner.id)}/calendar` : '/calendar';
  let disposed = false;
  let lastPointer = 'mouse';

  // The grid covers whole weeks: from the Sunday on or before the 1st to the Saturday after the last day.
  const first = `${month}-01`;
  const from = addDays(first, -parseDate(first).getUTCDay());
  const lastOfMonth = addDays(`${addMonths(month, 1)}-01`, -1);
  const to = addDays(lastOfMonth, 6 - parseDate(lastOfMonth).getUTCDay());

  const title = owner.kind === 'account' ? 'Account Calendar' : 'User Calendar/Appointments';
  const subtitle = h('p', { class: 'subtitle', id: 'calendar-subtitle' }, owner.kind === 'account' ? `Account ${owner.id}` : null);
  const banner = h('div', { id: 'calendar-banner' });
  const status = h('div', { id: 'calendar-status', 'aria-live': 'polite' }, loading(`Loading ${monthLabel(month)}…`));
  const grid = h('table', { class: 'month', id: 'month-grid', 'aria-busy': 'true', 'aria-describedby': 'calendar-help' });
  const nav = (label, target, id) => h('a', { class: 'button secondary', href: `#${basePath}?month=${target}`, id }, label);

  main.append(
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, title), subtitle),
      owner.kind === 'account' ? accountSwitch(go, owner.id) : null),
    banner,
    h('div', { class: 'month-toolbar' },
      nav('‹ Previous', addMonths(month, -1), 'month-prev'),
      h('h2', { id: 'month-label', 'data-month': month }, monthLabel(month)),
      nav('Next ›', addMonths(month, 1), 'month-next'),
      nav('Today', monthOf(today), 'month-today'),
      h('span', { class: 'zone', title: 'Dates and times are shown in this time zone' }, `Times in ${tz}`)),
    h('p', { class: 'hint', id: 'calendar-help' }, 'Select a subject or title to open it. Double-click "Events" (or press Enter on it) to list every event of that date.'),
    status, grid);

  if (owner.kind === 'account') {
    accountName(owner.id).then(name => { if (name && !disposed) subtitle.textContent = `${name} (${owner.id})`; });
  } else {
    showLinkWarnings(banner);
  }

  drawGrid(new Map());
  load();

  async function load() {
    replace(status, loading(`Loading ${monthLabel(month)}…`));
    grid.setAttribute('aria-busy', 'true');
    let answer;
    try {
      answer = await Api.calendar(owner, from, to, tz);
    } catch (error) {
      if (disposed) return;
      grid.setAttribute('aria-busy', 'false');
      replace(status, errorBox(error.status === 404 && owner.kind === 'account'
        ? { title: 'Account not found', detail: `There is no account ${owner.id} in your organization.` }
        : error, load));
      return;
    }
    if (disposed) return;
    const days = new Map(answer.days.map(d => [d.date, d]));
    drawGrid(days);
    grid.setAttribute('aria-busy', 'false');
    const inMonth = answer.days.filter(d => monthOf(d.date) === month).reduce((n, d) => n + d.count, 0);
    replace(status, inMonth === 0
      ? h('div', { class: 'empty', id: 'calendar-empty' },
        h('p', {}, `No emails or appointments with account contacts in ${monthLabel(month)}.`),
        owner.kind === 'user' ? h('p', { class: 'hint' }, 'They appear here after your linked accounts sync. ', h('a', { href: '#/links' }, 'See your linked accounts')) : null)
      : h('p', { class: 'sr-only', role: 'status' }, `${inMonth} ${inMonth === 1 ? 'item' : 'items'} in ${monthLabel(month)}.`));
  }

  function drawGrid(days) {
    const head = h('thead', {}, h('tr', {}, WEEKDAYS.map(d => h('th', { scope: 'col', abbr: d }, d.slice(0, 3)))));
    const body = h('tbody');
    for (let weekStart = from; weekStart <= to; weekStart = addDays(weekStart, 7)) {
      const row = h('tr');
      for (let i = 0; i < 7; i++) row.append(dayCell(addDays(weekStart, i), days.get(addDays(weekStart, i))));
      body.append(row);
    }
    replace(grid, h('caption', { class: 'sr-only' }, `${title}, ${monthLabel(month)}`), head, body);
  }

  function dayCell(date, day) {
    const classes = ['day'];
    if (monthOf(date) !== month) classes.push('outside');
    if (date === today) classes.push('today');
    if (!day || day.count === 0) classes.push('no-items');
    const cell = h('td', { class: classes.join(' '), 'data-date': date },
      h('div', { class: 'day-number' },
        h('span', { class: 'day-long' }, dateLabel(date, 'short')),
        h('span', { class: 'day-short', 'aria-hidden': 'true' }, String(parseDate(date).getUTCDate())),
        date === today ? h('span', { class: 'sr-only' }, ' (today)') : null));
    if (!day || day.count === 0) return cell;
    if (day.count === 1 && day.items.length === 1) {
      const item = day.items[0];
      cell.append(itemButton(item, date));
    } else {
      const button = h('button', {
        type: 'button', class: 'events', 'data-date': date, 'data-count': day.count,
        'aria-label': `Events: ${day.count} on ${dateLabel(date)}. Double-click or press Enter to list them.`,
        title: 'Double-click to list the events of this date',
      }, 'Events ', h('span', { class: 'count' }, String(day.count)));
      button.addEventListener('pointerdown', event => { lastPointer = event.pointerType; });
      button.addEventListener('dblclick', () => openDay(date));
      button.addEventListener('click', event => {
        // Keyboard (Enter/Space: detail 0) and touch open at once; a mouse needs the double-click.
        if (event.detail === 0 || lastPointer === 'touch' || lastPointer === 'pen') openDay(date);
      });
      cell.append(button);
    }
    return cell;
  }

  function itemButton(item, date) {
    const cancelled = item.status === 'Cancelled';
    const time = item.kind === 'appointment' ? timeLabel(item.start, tz) : '';
    return h('button', {
      type: 'button', class: `item item-${item.kind}${cancelled ? ' cancelled' : ''}`, 'data-kind': item.kind, 'data-id': item.id, 'data-date': date, 'data-visibility': item.visibility,
      'aria-label': `${item.kind === 'email' ? 'Email' : 'Appointment'}${cancelled ? ' (cancelled)' : ''}: ${item.title}${time ? ` at ${time}` : ''}`,
      onclick: () => go(basePath, { month, [item.kind]: item.id }),
    }, h('span', { class: 'kind', 'aria-hidden': 'true' }, item.kind === 'email' ? '✉' : '◷'), time ? h('span', { class: 'time' }, time) : null, h('span', { class: 'title' }, item.title));
  }

  function openDay(date) {
    go(basePath, { month, day: date });
  }

  // Overlays follow the route; the grid stays as it is.
  let overlay = null;
  function update(next) {
    const nextMonth = next.params.get('month');
    if ((/^\d{4}-\d{2}$/.test(nextMonth ?? '') ? nextMonth : monthOf(today)) !== month) return false; // another month: draw afresh
    overlay?.dispose?.();
    overlay = openOverlay(next.params, { owner, tz, basePath, month, go });
    return true;
  }
  update(route);

  return {
    update,
    dispose: () => { disposed = true; overlay?.dispose?.(); },
  };
}

async function showLinkWarnings(banner) {
  let links;
  try {
    links = await Api.links();
  } catch {
    return; // the calendar shows its own errors; this banner is a hint only
  }
  const active = links.filter(l => l.status !== 'Unlinked');
  if (active.length === 0) {
    banner.replaceChildren(h('div', { class: 'alert alert-info', id: 'no-links' },
      h('p', {}, 'Link your external email and calendar to see your emails and appointments with account contacts here.'),
      h('a', { class: 'button', href: '#/link' }, 'Link External Calendar/Email')));
    return;
  }
  const problems = active.filter(linkProblem);
  banner.replaceChildren(...problems.map(link => h('div', { class: `alert ${link.status === 'ReauthRequired' ? 'alert-warning' : 'alert-error'}`, role: 'alert', 'data-link-id': link.linkId },
    h('p', {}, linkProblem(link)),
    link.status === 'ReauthRequired' ? h('a', { class: 'button relink', href: relinkHref(link) }, relinkLabel(link)) : h('a', { href: '#/links' }, 'See linked accounts'))));
}

export { isoDate };

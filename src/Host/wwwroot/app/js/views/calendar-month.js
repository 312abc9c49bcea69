// The month grid: whole weeks, Sunday to Saturday. A date shows the bars of multi-day appointments
// that continue on it, then its one item (subject or title) or "Events" with how many it holds (one
// click, a double-click or Enter lists them). Each date's label ("Thursday, December 3, 2026,
// 2 items") describes the buttons of its cell.
import { h } from '../dom.js';
import { monthOf, monthLabel, parseDate, addDays, dateLabel } from '../format.js';
import { countOf, lastDateOf } from './calendar-model.js';
import { itemButton } from './calendar-items.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The day label's element id: what the cell's buttons reference. */
export const dayLabelId = date => `day-label-${date}`;

export const itemsText = n => (n === 0 ? 'no items' : `${n} ${n === 1 ? 'item' : 'items'}`);

/** The grid of `range` for `month`; ctx: {title, today, tz, openItem(item, date), openDay(date)}. */
export function monthGrid(month, range, dates, ctx) {
  const head = h('thead', {}, h('tr', {}, WEEKDAYS.map(d => h('th', { scope: 'col', abbr: d }, d.slice(0, 3)))));
  const body = h('tbody');
  for (let weekStart = range.from; weekStart <= range.to; weekStart = addDays(weekStart, 7)) {
    const row = h('tr');
    for (let i = 0; i < 7; i++) row.append(dayCell(addDays(weekStart, i), dates.get(addDays(weekStart, i)), month, ctx));
    body.append(row);
  }
  return h('table', { class: 'month', id: 'month-grid', 'data-month': month, 'aria-describedby': 'calendar-help' },
    h('caption', { class: 'sr-only' }, `${ctx.title}, ${monthLabel(month)}`), head, body);
}

function dayCell(date, day, month, ctx) {
  const count = countOf(day);
  const classes = ['day'];
  if (monthOf(date) !== month) classes.push('outside');
  if (date === ctx.today) classes.push('today');
  if (count === 0) classes.push('no-items');
  const labelId = dayLabelId(date);
  const cell = h('td', { class: classes.join(' '), 'data-date': date, 'data-count': count },
    h('div', { class: 'day-number' },
      h('span', { class: 'day-long', 'aria-hidden': 'true' }, dateLabel(date, 'short')),
      h('span', { class: 'day-short', 'aria-hidden': 'true' }, String(parseDate(date).getUTCDate())),
      h('span', { class: 'sr-only', id: labelId }, `${dateLabel(date)}${date === ctx.today ? ' (today)' : ''}, ${itemsText(count)}`)));
  if (count === 0) return cell;
  const open = item => ctx.openItem(item, date);
  for (const continuing of day.continuing) {
    cell.append(itemButton(continuing.item, { tz: ctx.tz, date, continuing, describedBy: labelId, open }));
  }
  if (day.own.length === 1) {
    const item = day.own[0];
    cell.append(itemButton(item, { tz: ctx.tz, date, spans: spans(item, date), describedBy: labelId, open }));
  } else if (day.own.length > 1) {
    cell.append(eventsButton(date, count, labelId, ctx));
  }
  return cell;
}

const spans = (item, date) => item.kind === 'appointment' && lastDateOf(item, date) > date;

/** "Events n": one click (or a double-click, Enter, Space, a tap) opens the date's list, once. */
function eventsButton(date, count, labelId, ctx) {
  const button = h('button', {
    type: 'button', class: 'events', 'data-date': date, 'data-count': count, 'data-focus-key': `events:${date}`,
    'aria-haspopup': 'dialog', 'aria-label': `Events: ${count} on ${dateLabel(date)}`, 'aria-describedby': labelId,
  }, 'Events ', h('span', { class: 'count' }, String(count)), h('span', { class: 'tip', 'aria-hidden': 'true' }, `List the ${count} events of ${dateLabel(date)}`));
  // The route holds the open date, so the second click of a double-click asks for what is already open.
  button.addEventListener('click', () => ctx.openDay(date));
  button.addEventListener('dblclick', () => ctx.openDay(date));
  return button;
}

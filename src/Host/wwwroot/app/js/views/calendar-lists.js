// The week (seven day columns, Sunday to Saturday; a day-by-day list at phone width) and the agenda
// (the dates of the range that hold items, in order). Items are listed in time order, all-day and
// continuing appointments first; each opens its details.
import { h } from '../dom.js';
import { addDays, dateLabel } from '../format.js';
import { countOf, inTimeOrder, lastDateOf } from './calendar-model.js';
import { itemButton } from './calendar-items.js';
import { dayLabelId, itemsText } from './calendar-month.js';

/** ctx: {title, today, tz, openItem(item, date)}. */
export function weekList(range, dates, ctx) {
  const days = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) days.push(date);
  return h('div', { class: 'week', id: 'week-view', role: 'group', 'aria-label': `${ctx.title}, week of ${dateLabel(range.from)}` },
    days.map(date => daySection(date, dates.get(date), ctx, { showEmpty: true })));
}

export function agendaList(range, dates, ctx) {
  const held = [...dates.values()].filter(day => countOf(day) > 0 && day.date >= range.from && day.date <= range.to)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  return h('div', { class: 'agenda', id: 'agenda-view' },
    held.length === 0 ? null : held.map(day => daySection(day.date, day, ctx, { showEmpty: false })));
}

function daySection(date, day, ctx, { showEmpty }) {
  const count = countOf(day);
  const labelId = dayLabelId(date);
  const classes = ['calendar-day'];
  if (date === ctx.today) classes.push('today');
  if (count === 0) classes.push('no-items');
  const rows = inTimeOrder(day);
  return h('section', { class: classes.join(' '), 'data-date': date, 'data-count': count },
    h('h3', { class: 'calendar-day-head', id: labelId },
      h('span', { class: 'day-name' }, dateLabel(date)),
      date === ctx.today ? h('span', { class: 'today-mark' }, ' (today)') : null,
      h('span', { class: 'day-count' }, h('span', { class: 'comma' }, ','), ` ${itemsText(count)}`)),
    rows.length === 0
      ? (showEmpty ? h('p', { class: 'nothing' }, 'Nothing') : null)
      : h('ul', { class: 'day-items' }, rows.map(({ item, continuing }) => h('li', {},
        itemButton(item, {
          tz: ctx.tz, date, continuing, spans: !continuing && item.kind === 'appointment' && lastDateOf(item, date) > date,
          describedBy: labelId, emailTimes: true, open: it => ctx.openItem(it, date),
        })))));
}

// What the calendar screens draw, as plain data: the route's choices, the range each view covers,
// and the range answer laid out per date (multi-day appointments on every date they cover).
import { monthOf, addMonths, parseDate, addDays } from '../format.js';

export const VIEWS = ['month', 'week', 'agenda'];
export const KINDS = ['email', 'appointment'];
export const AGENDA_DAYS = 30;

// An appointment that started up to this many days before a range and runs into it is asked for too.
const LOOKBACK_DAYS = 14;

const isMonth = text => /^\d{4}-(0[1-9]|1[0-2])$/.test(text ?? '');
const isDate = text => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(text ?? '') && !Number.isNaN(parseDate(text).getTime());

/**
 * The route's choices: view (month default), the month the month view shows, the date week and agenda
 * start from (today unless the route names a date or another month), and the kinds shown (null = both).
 */
export function readChoices(params, today) {
  const view = VIEWS.includes(params.get('view')) ? params.get('view') : 'month';
  const monthParam = isMonth(params.get('month')) ? params.get('month') : null;
  const dateParam = isDate(params.get('date')) ? params.get('date') : null;
  const kinds = KINDS.includes(params.get('kinds')) ? params.get('kinds') : null;
  const date = dateParam ?? (monthParam && monthParam !== monthOf(today) ? `${monthParam}-01` : today);
  const month = view === 'month' ? (monthParam ?? monthOf(date)) : monthOf(date);
  return { view, month, date, kinds };
}

/** The route params of a choice (what the hash holds); overlay params are added by the caller. */
export function choiceParams(choice) {
  return choice.view === 'month'
    ? { month: choice.month, kinds: choice.kinds }
    : { view: choice.view, date: choice.date, month: monthOf(choice.date), kinds: choice.kinds };
}

/** The first and last date the view shows; the month view covers whole weeks (Sunday to Saturday). */
export function rangeOf(choice) {
  if (choice.view === 'week') {
    const from = addDays(choice.date, -parseDate(choice.date).getUTCDay());
    return { from, to: addDays(from, 6) };
  }
  if (choice.view === 'agenda') return { from: choice.date, to: addDays(choice.date, AGENDA_DAYS - 1) };
  const first = `${choice.month}-01`;
  const last = addDays(`${addMonths(choice.month, 1)}-01`, -1);
  return { from: addDays(first, -parseDate(first).getUTCDay()), to: addDays(last, 6 - parseDate(last).getUTCDay()) };
}

/** The range asked of the server: the view's, starting earlier so appointments running into it are known. */
export function fetchRangeOf(choice) {
  const { from, to } = rangeOf(choice);
  return { from: addDays(from, -LOOKBACK_DAYS), to };
}

/** The choice one step earlier (-1) or later (+1): a month, a week or an agenda page. */
export function stepped(choice, direction) {
  if (choice.view === 'month') return { ...choice, month: addMonths(choice.month, direction) };
  return { ...choice, date: addDays(choice.date, direction * (choice.view === 'week' ? 7 : AGENDA_DAYS)) };
}

/**
 * The last date an appointment covers: all-day ends are exclusive dates; a timed end at midnight
 * (in the answer's zone, whose offset the instant carries) ends the day before.
 */
export function lastDateOf(item, startDate) {
  const end = item.end;
  if (!end) return startDate;
  let last;
  if (/^\d{4}-\d{2}-\d{2}$/.test(end)) last = addDays(end, -1);
  else last = /T00:00(:00(\.0+)?)?([+-]|Z)/.test(end) ? addDays(end.slice(0, 10), -1) : end.slice(0, 10);
  return last > startDate ? last : startDate;
}

/**
 * The range answer per date of [from, to], the kinds filter applied: `own` items start on the date
 * (the answer's order), `continuing` are multi-day appointments that started on an earlier date.
 */
export function layOut(answer, from, to, kinds) {
  const dates = new Map();
  const at = date => {
    if (!dates.has(date)) dates.set(date, { date, own: [], continuing: [] });
    return dates.get(date);
  };
  for (const day of answer?.days ?? []) {
    for (const item of day.items ?? []) {
      if (kinds && item.kind !== kinds) continue;
      if (day.date >= from && day.date <= to) at(day.date).own.push(item);
      if (item.kind !== 'appointment') continue;
      const last = lastDateOf(item, day.date);
      for (let d = addDays(day.date, 1); d <= last && d <= to; d = addDays(d, 1)) {
        if (d >= from) at(d).continuing.push({ item, startDate: day.date, lastDate: last });
      }
    }
  }
  return dates;
}

/** How many items a laid-out date holds (its own and the appointments continuing on it). */
export const countOf = day => (day ? day.own.length + day.continuing.length : 0);

/** Every item of a date in time order: all-day and continuing appointments first, then by start. */
export function inTimeOrder(day) {
  if (!day) return [];
  const allDay = item => /^\d{4}-\d{2}-\d{2}$/.test(item.start ?? '');
  const rows = [
    ...day.continuing.map(c => ({ item: c.item, continuing: c })),
    ...day.own.filter(i => allDay(i)).map(item => ({ item })),
    ...day.own.filter(i => !allDay(i)).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).map(item => ({ item })),
  ];
  return rows;
}

// One calendar item as a button (month cells, week columns, agenda rows): its visible text may be
// cut, so its accessible name holds the full title and time, and a popover shows them on hover and
// on keyboard focus.
import { h } from '../dom.js';
import * as Format from '../format.js';

const { timeLabel, dateLabel, isDateOnly } = Format;

/** A time with its zone: format.js's timeWithZone when present, else the time and the zone's id. */
export function zoneTime(instant, tz) {
  if (typeof Format.timeWithZone === 'function') return Format.timeWithZone(instant, tz);
  const time = timeLabel(instant, tz);
  return time ? `${time} (${tz})` : '';
}

const KIND_TEXT = { email: 'Email', appointment: 'Appointment' };

/** The short time shown next to a title: an appointment's start, "All day", or an email's time when asked. */
export function shownTime(item, tz, { emailTimes }) {
  if (item.kind === 'appointment') return isDateOnly(item.start) ? 'All day' : timeLabel(item.start, tz);
  return emailTimes ? timeLabel(item.start, tz) : '';
}

/** What a screen reader hears (and the popover shows): kind, state, full title, when. */
export function describe(item, tz, continuing) {
  const cancelled = item.status === 'Cancelled' ? ' (cancelled)' : '';
  let when = '';
  if (continuing) when = `, continues from ${dateLabel(continuing.startDate)} until ${dateLabel(continuing.lastDate)}`;
  else if (item.kind === 'appointment' && isDateOnly(item.start)) when = ', all day';
  else if (item.start) when = `${item.kind === 'email' ? ', sent' : ','} at ${zoneTime(item.start, tz)}`;
  return `${KIND_TEXT[item.kind] ?? 'Item'}${cancelled}: ${item.title}${when}`;
}

/**
 * A button opening the item. `date` is the date it is drawn on; `continuing` ({startDate, lastDate})
 * marks a multi-day appointment's bar on a date after its first; `spans` marks the first date of one;
 * `describedBy` names the date's label. Its name is its text (visible time and title, with the kind and
 * what is not visible in screen-reader-only words), so what is seen is what is heard.
 */
export function itemButton(item, { tz, date, continuing, spans, describedBy, emailTimes, open }) {
  const classes = ['item', `item-${item.kind}`];
  if (item.status === 'Cancelled') classes.push('cancelled');
  if (continuing) classes.push('continuation');
  if (spans) classes.push('starts-span');
  const time = continuing ? '' : shownTime(item, tz, { emailTimes });
  const cancelled = item.status === 'Cancelled' ? ' (cancelled)' : '';
  const after = continuing ? `, continues from ${dateLabel(continuing.startDate)} until ${dateLabel(continuing.lastDate)}` : '';
  return h('button', {
    type: 'button', class: classes.join(' '), 'data-kind': item.kind, 'data-id': item.id, 'data-date': date,
    'data-visibility': item.visibility, 'data-continues': continuing ? continuing.startDate : null,
    'data-focus-key': `${item.kind}:${item.id}:${date}`, 'aria-describedby': describedBy,
    onclick: () => open(item),
  },
  h('span', { class: 'kind', 'aria-hidden': 'true' }, continuing ? '↦' : item.kind === 'email' ? '✉' : '◷'),
  h('span', { class: 'sr-only' }, `${KIND_TEXT[item.kind] ?? 'Item'}${cancelled}: `),
  // Words only a screen reader needs, inline inside the span they follow (an absolutely positioned one would add a space).
  time ? h('span', { class: 'time' }, time, h('span', { class: 'sr-inline' }, ',')) : null,
  h('span', { class: 'title' }, item.title, after ? h('span', { class: 'sr-inline' }, after) : null),
  h('span', { class: 'tip', 'aria-hidden': 'true' }, describe(item, tz, continuing)));
}

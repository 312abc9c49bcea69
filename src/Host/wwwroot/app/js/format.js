// Dates are 'YYYY-MM-DD' strings; instants are shown in the user's zone.

export function todayIn(timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function parseDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function isoDate(utcDate) {
  return utcDate.toISOString().slice(0, 10);
}

export function addDays(date, days) {
  const d = parseDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

export function monthOf(date) {
  return date.slice(0, 7);
}

export function addMonths(month, months) {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return isoDate(d).slice(0, 7);
}

export function monthLabel(month) {
  return new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(parseDate(`${month}-01`));
}

export function dateLabel(date, style = 'full') {
  const options = style === 'full'
    ? { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }
    : { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(undefined, options).format(parseDate(date));
}

export const isDateOnly = value => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function timeLabel(instant, timeZone) {
  if (!instant || isDateOnly(instant)) return '';
  return new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
}

export function dateTimeLabel(instant, timeZone) {
  if (!instant) return '—';
  if (isDateOnly(instant)) return dateLabel(instant);
  return new Intl.DateTimeFormat(undefined, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

/** "Tue, Nov 3, 2026, 9:00 AM – 10:00 AM (America/Chicago)" or the all-day dates. */
export function spanLabel(start, end, isAllDay, timeZone) {
  if (isAllDay || isDateOnly(start)) {
    // All-day ends are exclusive dates.
    const last = end && isDateOnly(end) && end > start ? addDays(end, -1) : start;
    return last === start ? `${dateLabel(start)} (all day)` : `${dateLabel(start)} – ${dateLabel(last)} (all day)`;
  }
  const s = new Date(start);
  const e = end ? new Date(end) : null;
  const day = new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
  const time = new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' });
  let text = `${day.format(s)}, ${time.format(s)}`;
  if (e) text += day.format(e) === day.format(s) ? ` – ${time.format(e)}` : ` – ${day.format(e)}, ${time.format(e)}`;
  return `${text} (${timeZone})`;
}

export function relativeLabel(instant) {
  if (!instant) return 'never';
  const seconds = Math.round((Date.now() - Date.parse(instant)) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return rtf.format(-seconds, 'second');
  if (Math.abs(seconds) < 3600) return rtf.format(-Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86400) return rtf.format(-Math.round(seconds / 3600), 'hour');
  return rtf.format(-Math.round(seconds / 86400), 'day');
}

export function person(p) {
  if (!p) return '—';
  return p.name && p.name.toLowerCase() !== String(p.email).toLowerCase() ? `${p.name} <${p.email}>` : p.email;
}

// ---- times that name their zone -------------------------------------------------------------------

// Short names some locales give to more than one zone (India/Israel/Ireland, British/Bangladesh, …): the IANA name is clearer.
const AMBIGUOUS_ZONE_NAMES = new Set(['IST', 'BST', 'GST', 'SST']);

/**
 * The zone's short name at that instant ("CST", "CDT", "UTC"), or null where it would not name the zone: a GMT
 * offset ("GMT+1") or an ambiguous abbreviation.
 */
export function zoneAbbreviation(instant, timeZone) {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return null;
  const part = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: 'short' }).formatToParts(date).find(p => p.type === 'timeZoneName');
  const name = part?.value ?? '';
  if (!/^[A-Z]{2,5}$/.test(name) || name === 'GMT' && timeZone !== 'Etc/GMT' && timeZone !== 'GMT') return null;
  return AMBIGUOUS_ZONE_NAMES.has(name) ? null : name;
}

/** "10:00 AM CST", or "10:00 AM (Europe/Berlin)" where the short name would not say which zone. */
export function timeWithZone(instant, timeZone) {
  if (!instant || isDateOnly(instant)) return '';
  return withZone(instant, timeZone, { hour: 'numeric', minute: '2-digit' });
}

/** "Dec 3, 2026, 10:00 AM CST" (or "… (Europe/Berlin)"); a date alone (all day) as its date. */
export function dateTimeWithZone(instant, timeZone) {
  if (!instant) return '—';
  if (isDateOnly(instant)) return dateLabel(instant);
  return withZone(instant, timeZone, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

function withZone(instant, timeZone, options) {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const abbreviation = zoneAbbreviation(date, timeZone);
  const text = new Intl.DateTimeFormat(undefined, { timeZone, ...options }).format(date);
  return abbreviation ? `${text} ${abbreviation}` : `${text} (${timeZone})`;
}

/** "Central Standard Time" for a zone now (its long name in the page's language), or '' when Intl has none. */
export function zoneLongName(timeZone, instant = new Date()) {
  try {
    const part = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: 'long' }).formatToParts(instant).find(p => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

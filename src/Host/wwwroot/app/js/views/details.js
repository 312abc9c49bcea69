// The calendar's overlay dialog: a date's "Events" list, an email thread, an appointment. A modal
// dialog: it opens with the focus on its close button (or "back to the list"), keeps Tab inside,
// and on closing gives the focus back to the calendar's button that opened it.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api, accountName } from '../api.js';
import { forgetOnSignOut } from '../session.js';
import { dateLabel, dateTimeWithZone, spanLabel, timeWithZone, person } from '../format.js';
import { zoneSwitch, takeZoneFocus } from './zone.js';

const RESPONSES = {
  accepted: 'Accepted', declined: 'Declined', tentativelyaccepted: 'Tentative', tentative: 'Tentative',
  none: 'No response', notresponded: 'No response', needsaction: 'No response', organizer: 'Organizer',
};

const OVERLAY_PARAMS = ['day', 'email', 'appointment'];
const ZONE_SWITCH_ID = 'overlay-zone';

// While the dialog is open: what opened it (to give the focus back) and which item it shows (to find its row again).
let opener = null;
let shown = null;

/** Shows the overlay the params ask for (day, email, appointment), or closes it. */
export function openOverlay(params, ctx) {
  const dialog = document.getElementById('overlay');
  const body = document.getElementById('overlay-body');
  const [day, email, appointment] = OVERLAY_PARAMS.map(key => params.get(key));
  if (!day && !email && !appointment) {
    closeAndReturnFocus(dialog);
    return null;
  }
  trapFocus(dialog);
  let disposed = false;
  const calendarParams = withoutOverlay(params, ctx);
  const onClose = () => ctx.go(ctx.basePath, calendarParams);
  dialog.addEventListener('overlay-close', onClose);
  const { header, backToDay } = overlayChrome(day && (email || appointment) ? day : null, calendarParams, ctx);

  const returnToRow = day && !email && !appointment && shown?.day === day ? shown.id : null;
  if (!dialog.open) opener = describeOpener(document.activeElement, ctx.basePath) ?? (opener?.path === ctx.basePath ? opener : null);
  shown = { id: email ?? appointment ?? null, day };

  replace(body, header('Loading…', backToDay), loading());
  if (!dialog.open) dialog.showModal();
  body.querySelector('#overlay-close').focus();

  const guard = async fn => {
    try {
      const content = await fn();
      if (!disposed) replace(body, ...content, h('div', { class: 'overlay-zone' }, zoneSwitch({ id: ZONE_SWITCH_ID })));
    } catch (error) {
      if (disposed) return;
      replace(body, header(error.status === 404 ? 'Not found' : 'Could not load', backToDay),
        errorBox(error.status === 404 ? { title: 'Not found', detail: 'It is not on this calendar any more, or you may not see it.' } : error));
    }
    if (!disposed) focusAfterLoad(body, returnToRow);
  };

  if (email) guard(() => emailContent(email, header, backToDay, ctx));
  else if (appointment) guard(() => appointmentContent(appointment, header, backToDay, ctx));
  else guard(() => dayContent(day, header, ctx, calendarParams));

  return {
    dispose: () => {
      disposed = true;
      dialog.removeEventListener('overlay-close', onClose);
    },
  };
}

// The head of every overlay (close button, title) and, for an item opened from a date's list, the way back to it.
function overlayChrome(listDay, calendarParams, ctx) {
  const close = () => ctx.go(ctx.basePath, calendarParams);
  const header = (titleText, back) => h('div', { class: 'overlay-head' },
    back ?? h('span'),
    h('button', { type: 'button', class: 'icon close', id: 'overlay-close', 'aria-label': 'Close', onclick: close }, '✕'),
    h('h2', { id: 'overlay-title', tabindex: '-1' }, titleText));
  const backToDay = listDay
    ? h('button', { type: 'button', class: 'link-button', id: 'overlay-back', onclick: () => ctx.go(ctx.basePath, { ...calendarParams, day: listDay }) }, `‹ Events of ${dateLabel(listDay, 'short')}`)
    : null;
  return { header, backToDay };
}

/** The calendar's own params (view, month, date, kinds, …) without the overlay's. */
function withoutOverlay(params, ctx) {
  const rest = Object.fromEntries([...params].filter(([key]) => !OVERLAY_PARAMS.includes(key)));
  if (ctx.month && !rest.month) rest.month = ctx.month;
  return rest;
}

// The zone switch just changed: it keeps the focus; back from an item: its row in the list; else "back" or close.
function focusAfterLoad(body, returnToRow) {
  const zone = body.querySelector(`#${ZONE_SWITCH_ID}-select`);
  if (zone && takeZoneFocus(zone.id)) { zone.focus(); return; }
  const row = returnToRow ? body.querySelector(`#day-events button.event-row[data-id="${CSS.escape(returnToRow)}"]`) : null;
  (row ?? body.querySelector('#overlay-back, #overlay-close'))?.focus();
}

// What opened the dialog, by what finds it again after the calendar draws anew: an item's data-id, a date's "Events".
// (The screen drawn again while the dialog is open, e.g. in another zone, keeps the opener it had.)
function describeOpener(element, path) {
  if (!element || element === document.body || !element.closest?.('#main')) return null;
  return { id: element.dataset?.id ?? null, date: element.dataset?.date ?? null, element, path };
}

function closeAndReturnFocus(dialog) {
  const wasOpen = dialog.open;
  if (wasOpen) dialog.close();
  const target = opener;
  opener = null;
  shown = null;
  if (!wasOpen || !target) return;
  const main = document.getElementById('main');
  const again = (target.id && main.querySelector(`button[data-id="${CSS.escape(target.id)}"], a[data-id="${CSS.escape(target.id)}"]`))
    || (target.date && !target.id && main.querySelector(`button.events[data-date="${CSS.escape(target.date)}"]`))
    || (target.element.isConnected ? target.element : null);
  (again ?? main.querySelector('h1'))?.focus();
}

// Tab and Shift+Tab wrap around inside the open dialog (the page behind it is inert; the browser's own bar is not a stop).
let trapping = false;
function trapFocus(dialog) {
  if (trapping) return;
  trapping = true;
  dialog.addEventListener('keydown', event => {
    if (event.key !== 'Tab') return;
    const stops = [...dialog.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
      .filter(el => !el.disabled && el.getClientRects().length > 0);
    if (stops.length === 0) return;
    const first = stops[0];
    const last = stops[stops.length - 1];
    const at = document.activeElement;
    if (event.shiftKey && (at === first || !dialog.contains(at) || at === dialog.querySelector('#overlay-title'))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (at === last || !dialog.contains(at))) {
      event.preventDefault();
      first.focus();
    }
  });
}

async function dayContent(date, header, ctx, calendarParams) {
  const answer = await Api.day(ctx.owner, date, ctx.tz);
  // The date's own items, then the multi-day appointments that began earlier and continue on it (the grid
  // counts both), each under the calendar's kinds filter.
  const own = answer.items ?? [];
  const continuing = (ctx.continuingOn?.(date) ?? []).filter(c => !own.some(i => i.kind === c.kind && i.id === c.id));
  const items = [...own, ...continuing].filter(item => !ctx.kinds || item.kind === ctx.kinds);
  return [
    header(`Events on ${dateLabel(date)}`),
    items.length === 0
      ? h('p', { class: 'empty' }, 'Nothing on this date any more.')
      : h('ul', { class: 'event-list', id: 'day-events', 'aria-label': `Events on ${dateLabel(date)}` }, items.map(item => h('li', {},
        h('button', {
          type: 'button', class: `event-row item-${item.kind}${item.status === 'Cancelled' ? ' cancelled' : ''}`, 'data-kind': item.kind, 'data-id': item.id, 'data-visibility': item.visibility,
          onclick: () => ctx.go(ctx.basePath, { ...calendarParams, day: date, [item.kind]: item.id }),
        },
        h('span', { class: 'kind-label' }, item.kind === 'email' ? 'Email' : 'Appointment'),
        h('span', { class: 'time' }, item.kind === 'appointment' && /^\d{4}-\d{2}-\d{2}$/.test(item.start) ? 'All day' : timeWithZone(item.start, ctx.tz)),
        h('span', { class: 'title' }, item.title),
        item.status === 'Cancelled' ? h('span', { class: 'badge status-cancelled' }, 'Cancelled') : null)))),
    h('p', { class: 'hint' }, `${items.length} ${items.length === 1 ? 'event' : 'events'}.`),
  ];
}

async function emailContent(threadId, header, back, ctx) {
  const thread = await Api.email(threadId);
  const reasons = await calendarReasons(thread);
  const visibility = thread.visibility ?? 'full';
  const messages = thread.messages ?? [];
  const showText = visibility === 'full';
  return [
    header(thread.subject || FALLBACK_TITLE.email[visibility] || '(no subject)', back),
    h('div', { class: 'thread', id: 'email-thread', 'data-thread-id': thread.threadId, 'data-visibility': visibility },
      visibilityNote('email', visibility),
      privateToggle('email', thread, visibility, ctx),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Started'), h('dd', {}, dateTimeWithZone(thread.startedAt, ctx.tz)),
        visibility === 'private' ? null : [
          h('dt', {}, 'Participants'), h('dd', {}, h('ul', { class: 'participants', id: 'thread-participants' }, (thread.participants ?? []).map(p => h('li', {}, person(p)))))],
        accountFacts(reasons, ctx)),
      messages.length === 0 ? null : [
        h('h3', {}, `${messages.length} ${messages.length === 1 ? 'message' : 'messages'}`),
        h('ol', { class: 'messages', id: 'thread-messages' }, messages.map(m => h('li', { class: 'message', 'data-message-id': m.messageId },
          h('dl', { class: 'facts compact' },
            h('dt', {}, 'From'), h('dd', { class: 'from' }, person(m.from)),
            h('dt', {}, 'To'), h('dd', {}, (m.to ?? []).map(person).join(', ') || '—'),
            (m.cc ?? []).length ? [h('dt', {}, 'Cc'), h('dd', {}, m.cc.map(person).join(', '))] : null,
            h('dt', {}, 'Sent'), h('dd', {}, dateTimeWithZone(m.sentAt, ctx.tz))),
          showText ? h('pre', { class: 'body' }, m.bodyText || m.snippet || '(no text)') : null)))]),
  ];
}

async function appointmentContent(appointmentId, header, back, ctx) {
  const a = await Api.appointment(appointmentId);
  const reasons = await calendarReasons(a);
  const cancelled = a.status === 'Cancelled';
  const visibility = a.visibility ?? 'full';
  return [
    header(a.title || FALLBACK_TITLE.appointment[visibility] || '(no title)', back),
    h('div', { class: 'appointment', id: 'appointment-details', 'data-appointment-id': a.appointmentId, 'data-visibility': visibility },
      visibilityNote('appointment', visibility),
      privateToggle('appointment', a, visibility, ctx),
      cancelled ? h('p', { class: 'alert alert-warning', id: 'appointment-cancelled' }, 'This appointment was cancelled.') : null,
      h('dl', { class: 'facts' },
        h('dt', {}, 'When'), h('dd', { id: 'appointment-when' }, a.start ? spanLabel(a.start, a.end, a.isAllDay, ctx.tz) : '—'),
        a.status ? [h('dt', {}, 'Status'), h('dd', { id: 'appointment-status' }, cancelled ? 'Cancelled' : a.status)] : null,
        visibility === 'full' || a.location ? [h('dt', {}, 'Location'), h('dd', { id: 'appointment-location' }, a.location || '—')] : null,
        visibility === 'private' ? null : [h('dt', {}, 'Organizer'), h('dd', { id: 'appointment-organizer' }, person(a.organizer))],
        accountFacts(reasons, ctx)),
      visibility === 'private' ? null : h('h3', {}, 'Attendees'),
      visibility === 'private' ? null : (a.attendees ?? []).length === 0 ? h('p', {}, 'No attendees.') : h('table', { class: 'attendees', id: 'appointment-attendees' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Attendee'), h('th', { scope: 'col' }, 'Response'))),
        h('tbody', {}, a.attendees.map(at => h('tr', {},
          h('td', {}, person(at)),
          h('td', { class: `response response-${String(at.response).toLowerCase()}` }, RESPONSES[String(at.response).toLowerCase()] ?? at.response))))),
      a.description && visibility === 'full' ? [h('h3', {}, 'Description'), h('pre', { class: 'body' }, a.description)] : null),
  ];
}

// What the caller sees of an item that is not theirs (CONTRACT.md, Calendar: visibility).
const FALLBACK_TITLE = {
  email: { metadata: 'Email', private: 'Private email' },
  appointment: { metadata: 'Appointment', private: 'Private appointment' },
};

const VISIBILITY_NOTE = {
  subject: kind => `The ${kind === 'email' ? 'messages\' text is' : 'description is'} hidden: the privacy settings of the colleagues whose mailboxes hold this ${kind} share only its ${kind === 'email' ? 'subject' : 'title'} and participants.`,
  metadata: kind => `Only when this ${kind} took place, who took part and its accounts are shown: the privacy settings of the colleagues whose mailboxes hold it keep the rest hidden.`,
  private: kind => `A colleague whose mailbox holds this ${kind} marked it private: only its time and accounts are shown.`,
};

function visibilityNote(kind, visibility) {
  const note = VISIBILITY_NOTE[visibility];
  return note ? h('p', { class: 'alert alert-info visibility-note', id: 'visibility-note', 'data-visibility': visibility }, note(kind)) : null;
}

/**
 * "Private" on an item of the user's own calendar (their mailbox holds it, so they see it in full):
 * colleagues then see only "Private email"/"Private appointment". The server answers 404 when the
 * user's mailbox does not hold the item; the switch then goes back and says so.
 */
function privateToggle(kind, item, visibility, ctx) {
  if (visibility !== 'full' || ctx.owner?.kind !== 'user') return null;
  const id = kind === 'email' ? item.threadId : item.appointmentId;
  const marked = Boolean(item.markedPrivate); // the caller's own mark
  const status = h('p', { class: 'hint private-status', id: 'private-status', 'aria-live': 'polite' });
  const input = h('input', { type: 'checkbox', role: 'switch', id: 'item-private', checked: marked, 'aria-describedby': 'private-hint private-status' });
  input.addEventListener('change', async () => {
    const wanted = input.checked;
    input.disabled = true;
    status.classList.remove('error');
    status.textContent = 'Saving…';
    try {
      await (kind === 'email' ? Api.markEmailPrivate(id, wanted) : Api.markAppointmentPrivate(id, wanted));
      status.textContent = wanted ? `Private: colleagues see only "Private ${kind}".` : `Not private: colleagues see what your privacy settings allow.`;
    } catch (error) {
      input.checked = !wanted;
      status.textContent = error.status === 404
        ? `Only an ${kind} your own mailbox holds can be marked private, and your mailbox does not hold this one (any more).`
        : `Not saved: ${error.detail || error.title || error.message}`;
      status.classList.add('error');
    } finally {
      input.disabled = false;
      input.focus(); // disabling it while saving took the focus away
    }
  });
  return h('div', { class: 'private-toggle', id: 'private-toggle' },
    h('div', { class: 'choice' }, input, h('label', { for: 'item-private' }, 'Private')),
    h('p', { class: 'hint', id: 'private-hint' }, `Colleagues see only "Private ${kind}" and its time on account calendars. You still see it in full.`),
    status);
}

// ---- which accounts' calendars show the item, and because of whom ---------------------------------

// Each account's contact list, read once per signed-in user (names of the contacts an item matched).
const contactLists = forgetOnSignOut(new Map());

function accountContacts(accountId) {
  if (!contactLists.has(accountId)) {
    contactLists.set(accountId, Api.account(accountId).then(a => a?.contacts ?? [], () => []));
  }
  return contactLists.get(accountId);
}

/**
 * [{accountId, name, contacts: [{name, email}]}]: the item's accounts with their names and the contacts that put it on
 * each one's calendar (named as the account's contact list names them). The server sends no matched contacts when the
 * caller may not see who took part; then none are named.
 */
async function calendarReasons(item) {
  const matches = Array.isArray(item.accounts)
    ? item.accounts
    : (item.accountIds ?? []).map(accountId => ({ accountId, matchedContacts: [] }));
  return Promise.all(matches.map(async match => {
    const emails = match.matchedContacts ?? [];
    const [name, contacts] = await Promise.all([accountName(match.accountId), emails.length ? accountContacts(match.accountId) : []]);
    const named = email => contacts.find(c => String(c.email ?? '').toLowerCase() === String(email).toLowerCase())?.name || null;
    return { accountId: match.accountId, name, contacts: emails.map(email => ({ email, name: named(email) })) };
  }));
}

function accountFacts(reasons, ctx) {
  const explained = reasons.filter(r => r.contacts.length > 0);
  return [
    h('dt', {}, 'Accounts'), h('dd', {}, accountLinks(reasons, ctx)),
    explained.length === 0 ? null : [
      h('dt', {}, 'Why it is there'),
      h('dd', {}, h('ul', { class: 'calendar-reasons', id: 'calendar-reasons' }, explained.map(r => reasonSentence(r, ctx))))],
  ];
}

function accountHref(accountId, ctx) {
  return `#/accounts/${encodeURIComponent(accountId)}/calendar${ctx.month ? `?month=${ctx.month}` : ''}`;
}

function accountLinks(reasons, ctx) {
  if (!reasons.length) return '—';
  return h('ul', { class: 'inline-list' }, reasons.map(r => h('li', {},
    h('a', { href: accountHref(r.accountId, ctx), 'data-account-id': r.accountId }, r.name ? `${r.name} (${r.accountId})` : r.accountId))));
}

/** "On Greenfield Apartments' calendar because Maria Garcia (maria@greenfield.example) took part." */
function reasonSentence(reason, ctx) {
  const name = reason.name || reason.accountId;
  return h('li', { class: 'calendar-reason', 'data-account-id': reason.accountId },
    'On ', h('a', { href: accountHref(reason.accountId, ctx), class: 'reason-account' }, name),
    `${/s$/i.test(name) ? "'" : "'s"} calendar because ${who(reason.contacts)} took part.`);
}

// One contact: "Maria Garcia (maria@…)"; several: "Maria Garcia and Pat Lee"; a contact without a name: the address.
function who(contacts) {
  if (contacts.length === 1) {
    const [c] = contacts;
    return c.name ? `${c.name} (${c.email})` : c.email;
  }
  return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(contacts.map(c => c.name || c.email));
}

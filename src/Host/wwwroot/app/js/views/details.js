// The calendar's overlay dialog: a date's "Events" list, an email thread, an appointment.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api, accountName } from '../api.js';
import { dateLabel, dateTimeLabel, spanLabel, timeLabel, person } from '../format.js';

const RESPONSES = {
  accepted: 'Accepted', declined: 'Declined', tentativelyaccepted: 'Tentative', tentative: 'Tentative',
  none: 'No response', notresponded: 'No response', needsaction: 'No response', organizer: 'Organizer',
};

/** Shows the overlay the params ask for (day, email, appointment), or closes it. */
export function openOverlay(params, ctx) {
  const dialog = document.getElementById('overlay');
  const body = document.getElementById('overlay-body');
  const day = params.get('day');
  const email = params.get('email');
  const appointment = params.get('appointment');
  if (!day && !email && !appointment) {
    if (dialog.open) dialog.close();
    return null;
  }
  let disposed = false;
  const close = () => ctx.go(ctx.basePath, { month: ctx.month });
  const onClose = () => close();
  dialog.addEventListener('overlay-close', onClose);

  const header = (titleText, back) => h('div', { class: 'overlay-head' },
    back ?? h('span'),
    h('button', { type: 'button', class: 'icon close', id: 'overlay-close', 'aria-label': 'Close', onclick: close }, '✕'),
    h('h2', { id: 'overlay-title' }, titleText));
  const backToDay = day && (email || appointment)
    ? h('button', { type: 'button', class: 'link-button', id: 'overlay-back', onclick: () => ctx.go(ctx.basePath, { month: ctx.month, day }) }, `‹ Events of ${dateLabel(day, 'short')}`)
    : null;

  replace(body, header('Loading…', backToDay), loading());
  if (!dialog.open) dialog.showModal();
  body.querySelector('#overlay-close').focus();

  const guard = fn => async () => {
    try {
      const content = await fn();
      if (!disposed) replace(body, ...content);
    } catch (error) {
      if (disposed) return;
      replace(body, header(error.status === 404 ? 'Not found' : 'Could not load', backToDay),
        errorBox(error.status === 404 ? { title: 'Not found', detail: 'It is not on this calendar any more, or you may not see it.' } : error));
    }
    body.querySelector('#overlay-title')?.setAttribute('tabindex', '-1');
    body.querySelector('#overlay-back, #overlay-close')?.focus();
  };

  if (email) guard(() => emailContent(email, header, backToDay, ctx))();
  else if (appointment) guard(() => appointmentContent(appointment, header, backToDay, ctx))();
  else guard(() => dayContent(day, header, ctx))();

  return {
    dispose: () => {
      disposed = true;
      dialog.removeEventListener('overlay-close', onClose);
    },
  };
}

async function dayContent(date, header, ctx) {
  const answer = await Api.day(ctx.owner, date, ctx.tz);
  const items = answer.items ?? [];
  return [
    header(`Events on ${dateLabel(date)}`),
    items.length === 0
      ? h('p', { class: 'empty' }, 'Nothing on this date any more.')
      : h('ul', { class: 'event-list', id: 'day-events' }, items.map(item => h('li', {},
        h('button', {
          type: 'button', class: `event-row item-${item.kind}${item.status === 'Cancelled' ? ' cancelled' : ''}`, 'data-kind': item.kind, 'data-id': item.id, 'data-visibility': item.visibility,
          onclick: () => ctx.go(ctx.basePath, { month: ctx.month, day: date, [item.kind]: item.id }),
        },
        h('span', { class: 'kind-label' }, item.kind === 'email' ? 'Email' : 'Appointment'),
        h('span', { class: 'time' }, item.kind === 'appointment' && !/^\d{4}-\d{2}-\d{2}$/.test(item.start) ? timeLabel(item.start, ctx.tz) : item.kind === 'appointment' ? 'All day' : timeLabel(item.start, ctx.tz)),
        h('span', { class: 'title' }, item.title),
        item.status === 'Cancelled' ? h('span', { class: 'badge status-cancelled' }, 'Cancelled') : null)))),
    h('p', { class: 'hint' }, `${items.length} ${items.length === 1 ? 'event' : 'events'}. Times in ${ctx.tz}.`),
  ];
}

async function emailContent(threadId, header, back, ctx) {
  const thread = await Api.email(threadId);
  const visibility = thread.visibility ?? 'full';
  const messages = thread.messages ?? [];
  const showText = visibility === 'full';
  return [
    header(thread.subject || FALLBACK_TITLE.email[visibility] || '(no subject)', back),
    h('div', { class: 'thread', id: 'email-thread', 'data-thread-id': thread.threadId, 'data-visibility': visibility },
      visibilityNote('email', visibility),
      privateToggle('email', thread, visibility, ctx),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Started'), h('dd', {}, dateTimeLabel(thread.startedAt, ctx.tz)),
        visibility === 'private' ? null : [
          h('dt', {}, 'Participants'), h('dd', {}, h('ul', { class: 'participants', id: 'thread-participants' }, (thread.participants ?? []).map(p => h('li', {}, person(p)))))],
        h('dt', {}, 'Accounts'), h('dd', {}, accountLinks(thread.accountIds, ctx))),
      messages.length === 0 ? null : [
        h('h3', {}, `${messages.length} ${messages.length === 1 ? 'message' : 'messages'}`),
        h('ol', { class: 'messages', id: 'thread-messages' }, messages.map(m => h('li', { class: 'message', 'data-message-id': m.messageId },
          h('dl', { class: 'facts compact' },
            h('dt', {}, 'From'), h('dd', { class: 'from' }, person(m.from)),
            h('dt', {}, 'To'), h('dd', {}, (m.to ?? []).map(person).join(', ') || '—'),
            (m.cc ?? []).length ? [h('dt', {}, 'Cc'), h('dd', {}, m.cc.map(person).join(', '))] : null,
            h('dt', {}, 'Sent'), h('dd', {}, dateTimeLabel(m.sentAt, ctx.tz))),
          showText ? h('pre', { class: 'body' }, m.bodyText || m.snippet || '(no text)') : null)))]),
  ];
}

async function appointmentContent(appointmentId, header, back, ctx) {
  const a = await Api.appointment(appointmentId);
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
        h('dt', {}, 'Accounts'), h('dd', {}, accountLinks(a.accountIds, ctx))),
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

function accountLinks(accountIds, ctx) {
  if (!accountIds?.length) return '—';
  return h('ul', { class: 'inline-list' }, accountIds.map(id => {
    const link = h('a', { href: `#/accounts/${encodeURIComponent(id)}/calendar?month=${ctx.month}`, 'data-account-id': id }, id);
    accountName(id).then(name => { if (name) link.textContent = `${name} (${id})`; });
    return h('li', {}, link);
  }));
}

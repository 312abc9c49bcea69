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
          type: 'button', class: `event-row item-${item.kind}${item.status === 'Cancelled' ? ' cancelled' : ''}`, 'data-kind': item.kind, 'data-id': item.id,
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
  return [
    header(thread.subject || '(no subject)', back),
    h('div', { class: 'thread', id: 'email-thread', 'data-thread-id': thread.threadId },
      h('dl', { class: 'facts' },
        h('dt', {}, 'Started'), h('dd', {}, dateTimeLabel(thread.startedAt, ctx.tz)),
        h('dt', {}, 'Participants'), h('dd', {}, h('ul', { class: 'participants', id: 'thread-participants' }, (thread.participants ?? []).map(p => h('li', {}, person(p))))),
        h('dt', {}, 'Accounts'), h('dd', {}, accountLinks(thread.accountIds, ctx))),
      h('h3', {}, `${thread.messages.length} ${thread.messages.length === 1 ? 'message' : 'messages'}`),
      h('ol', { class: 'messages', id: 'thread-messages' }, thread.messages.map(m => h('li', { class: 'message', 'data-message-id': m.messageId },
        h('dl', { class: 'facts compact' },
          h('dt', {}, 'From'), h('dd', { class: 'from' }, person(m.from)),
          h('dt', {}, 'To'), h('dd', {}, (m.to ?? []).map(person).join(', ') || '—'),
          (m.cc ?? []).length ? [h('dt', {}, 'Cc'), h('dd', {}, m.cc.map(person).join(', '))] : null,
          h('dt', {}, 'Sent'), h('dd', {}, dateTimeLabel(m.sentAt, ctx.tz))),
        h('pre', { class: 'body' }, m.bodyText || m.snippet || '(no text)'))))),
  ];
}

async function appointmentContent(appointmentId, header, back, ctx) {
  const a = await Api.appointment(appointmentId);
  const cancelled = a.status === 'Cancelled';
  return [
    header(a.title || '(no title)', back),
    h('div', { class: 'appointment', id: 'appointment-details', 'data-appointment-id': a.appointmentId },
      cancelled ? h('p', { class: 'alert alert-warning', id: 'appointment-cancelled' }, 'This appointment was cancelled.') : null,
      h('dl', { class: 'facts' },
        h('dt', {}, 'When'), h('dd', { id: 'appointment-when' }, a.start ? spanLabel(a.start, a.end, a.isAllDay, ctx.tz) : '—'),
        h('dt', {}, 'Status'), h('dd', { id: 'appointment-status' }, cancelled ? 'Cancelled' : a.status),
        h('dt', {}, 'Location'), h('dd', { id: 'appointment-location' }, a.location || '—'),
        h('dt', {}, 'Organizer'), h('dd', { id: 'appointment-organizer' }, person(a.organizer)),
        h('dt', {}, 'Accounts'), h('dd', {}, accountLinks(a.accountIds, ctx))),
      h('h3', {}, 'Attendees'),
      (a.attendees ?? []).length === 0 ? h('p', {}, 'No attendees.') : h('table', { class: 'attendees', id: 'appointment-attendees' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Attendee'), h('th', { scope: 'col' }, 'Response'))),
        h('tbody', {}, a.attendees.map(at => h('tr', {},
          h('td', {}, person(at)),
          h('td', { class: `response response-${String(at.response).toLowerCase()}` }, RESPONSES[String(at.response).toLowerCase()] ?? at.response))))),
      a.description ? [h('h3', {}, 'Description'), h('pre', { class: 'body' }, a.description)] : null),
  ];
}

function accountLinks(accountIds, ctx) {
  if (!accountIds?.length) return '—';
  return h('ul', { class: 'inline-list' }, accountIds.map(id => {
    const link = h('a', { href: `#/accounts/${encodeURIComponent(id)}/calendar?month=${ctx.month}`, 'data-account-id': id }, id);
    accountName(id).then(name => { if (name) link.textContent = `${name} (${id})`; });
    return h('li', {}, link);
  }));
}

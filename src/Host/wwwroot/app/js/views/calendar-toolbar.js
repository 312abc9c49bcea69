// The calendar's toolbar: the view switch (Month | Week | Agenda), Previous/Next/Today (Earlier/Later
// in the agenda), the range's name, the emails/appointments filter and the time-zone switch. Its
// elements stay in place while the route changes, so keyboard focus stays on the control used.
import { h } from '../dom.js';
import { monthLabel, monthOf, parseDate } from '../format.js';
import { VIEWS, choiceParams, rangeOf, stepped } from './calendar-model.js';
import { zoneSwitch } from './zone.js';

const VIEW_TEXT = { month: 'Month', week: 'Week', agenda: 'Agenda' };
const STEP_TEXT = {
  month: ['‹ Previous', 'Next ›', 'Previous month', 'Next month'],
  week: ['‹ Previous', 'Next ›', 'Previous week', 'Next week'],
  agenda: ['‹ Earlier', 'Later ›', 'Earlier 30 days', 'Later 30 days'],
};

const rangeFormat = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });

/** What the toolbar's heading says for a choice: "December 2026", "Dec 6 – 12, 2026". */
export function rangeLabel(choice) {
  if (choice.view === 'month') return monthLabel(choice.month);
  const { from, to } = rangeOf(choice);
  return rangeFormat.formatRange(parseDate(from), parseDate(to));
}

/** href(params) builds a route; go(params) follows one. */
export function calendarToolbar({ today, href, go }) {
  let choice = null;
  const viewLinks = VIEWS.map(view => h('a', { class: 'segment', id: `view-${view}`, 'data-view': view }, VIEW_TEXT[view]));
  const prev = h('a', { class: 'button secondary', id: 'month-prev' });
  const next = h('a', { class: 'button secondary', id: 'month-next' });
  const todayLink = h('a', { class: 'button secondary', id: 'month-today' }, 'Today');
  const label = h('h2', { id: 'month-label' });
  const kindButtons = [['email', 'Emails', '✉'], ['appointment', 'Appointments', '◷']].map(([kind, text, icon]) => {
    const button = h('button', { type: 'button', class: 'kind-toggle', id: `show-${kind}`, 'data-kind': kind, 'aria-pressed': 'true' },
      h('span', { 'aria-hidden': 'true' }, icon), text);
    button.addEventListener('click', () => go(choiceParams({ ...choice, kinds: toggled(choice.kinds, kind) })));
    return button;
  });

  const element = h('div', { class: 'calendar-toolbar' },
    h('nav', { class: 'view-switch', 'aria-label': 'Calendar view' }, viewLinks),
    h('div', { class: 'month-toolbar' }, prev, label, next, todayLink),
    h('div', { class: 'calendar-options' },
      h('div', { class: 'kind-filter', role: 'group', 'aria-label': 'Show' }, kindButtons),
      zoneSwitch()));

  function update(nextChoice) {
    choice = nextChoice;
    for (const link of viewLinks) {
      const view = link.dataset.view;
      link.setAttribute('href', href(choiceParams(switched(choice, view, today))));
      if (view === choice.view) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    const [prevText, nextText, prevName, nextName] = STEP_TEXT[choice.view];
    setLink(prev, prevText, prevName, href(choiceParams(stepped(choice, -1))));
    setLink(next, nextText, nextName, href(choiceParams(stepped(choice, 1))));
    todayLink.setAttribute('href', href(choiceParams({ ...choice, month: monthOf(today), date: today })));
    label.textContent = rangeLabel(choice);
    label.dataset.month = choice.month;
    for (const button of kindButtons) button.setAttribute('aria-pressed', String(!choice.kinds || choice.kinds === button.dataset.kind));
  }
  return { element, update };
}

function setLink(link, text, name, target) {
  link.textContent = text;
  link.setAttribute('aria-label', name);
  link.setAttribute('href', target);
}

/** The other kind when the only one shown is switched off (one kind always stays shown), else both or the one left. */
function toggled(kinds, kind) {
  if (!kinds) return kind === 'email' ? 'appointment' : 'email';
  return kinds === kind ? (kind === 'email' ? 'appointment' : 'email') : null;
}

/** The choice in another view: a month shows the month of the date; week and agenda start from the month's today or 1st. */
function switched(choice, view, today) {
  if (view === 'month') return { ...choice, view, month: choice.view === 'month' ? choice.month : monthOf(choice.date) };
  const date = choice.view !== 'month' ? choice.date : monthOf(today) === choice.month ? today : `${choice.month}-01`;
  return { ...choice, view, date };
}

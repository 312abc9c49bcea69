// The User Calendar/Appointments screen and the Account Calendar: a month, week or agenda view of
// the range answer, filtered to emails or appointments, kept current by conditional polling
// (calendar-live.js). Everything the screen shows is in the route (view, month, date, kinds, and the
// overlays day, email, appointment), so Back and deep links work; a route change redraws in place.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api, accountName } from '../api.js';
import { userTimeZone } from '../session.js';
import { todayIn } from '../format.js';
import { openOverlay } from './details.js';
import { accountSwitch } from './accounts.js';
import { readChoices, choiceParams, rangeOf, fetchRangeOf, layOut, countOf } from './calendar-model.js';
import { monthGrid } from './calendar-month.js';
import { weekList, agendaList } from './calendar-lists.js';
import { calendarToolbar, rangeLabel } from './calendar-toolbar.js';
import { startLive, linkBanner } from './calendar-live.js';

const HELP = {
  month: 'Select a subject or title to open it, or "Events" to list every event of that date. Bars marked ↦ are appointments continuing from an earlier date.',
  week: 'Each day lists its emails and appointments in time order, all-day ones first. Select one to open it.',
  agenda: 'The dates of the next 30 days that hold emails or appointments. Select one to open it.',
};

export function calendarView(main, route, { go, owner }) {
  const tz = userTimeZone();
  const today = todayIn(tz);
  const basePath = owner.kind === 'account' ? `/accounts/${encodeURIComponent(owner.id)}/calendar` : '/calendar';
  const title = owner.kind === 'account' ? 'Account Calendar' : 'User Calendar/Appointments';
  let choice = readChoices(route.params, today);
  let answer = null; // the range answer drawn, with its ETag and the range it is for
  let generation = 0;
  let disposed = false;
  let overlay = null;
  let laidOut = new Map(); // the dates drawn last (what continues on a date, for the overlay)

  const href = params => `#${basePath}?${new URLSearchParams(Object.entries(params).filter(([, v]) => v))}`;
  const goTo = extra => go(basePath, { ...choiceParams(choice), ...extra });
  const toolbar = calendarToolbar({ today, href, go: params => go(basePath, params) });
  const subtitle = h('p', { class: 'subtitle', id: 'calendar-subtitle' }, owner.kind === 'account' ? `Account ${owner.id}` : null);
  const banner = linkBanner();
  const help = h('p', { class: 'hint', id: 'calendar-help' });
  const status = h('div', { id: 'calendar-status', 'aria-live': 'polite' });
  const body = h('div', { class: 'calendar-body', id: 'calendar-body' });

  main.append(
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, title), subtitle),
      owner.kind === 'account' ? accountSwitch(go, owner.id) : null),
    owner.kind === 'user' ? banner.element : null,
    toolbar.element, help, status, body);
  if (owner.kind === 'account') {
    accountName(owner.id).then(name => { if (name && !disposed) subtitle.textContent = `${name} (${owner.id})`; });
  }

  const ctx = {
    title, today, tz,
    openItem: item => goTo({ [item.kind]: item.id }),
    openDay: date => goTo({ day: date }),
  };

  showChoice();
  load();
  const live = startLive({ refresh, onLinks: links => { if (owner.kind === 'user') banner.show(links); } });

  function showChoice() {
    toolbar.update(choice);
    help.textContent = HELP[choice.view];
  }

  async function load() {
    const asked = { ...fetchRangeOf(choice), generation: ++generation };
    answer = null;
    replace(status, loading(`Loading ${rangeLabel(choice)}…`));
    draw(); // the empty grid or list while the answer comes
    let result;
    try {
      result = await Api.calendarIfChanged(owner, asked.from, asked.to, tz, null);
    } catch (error) {
      if (disposed || asked.generation !== generation) return;
      body.firstElementChild?.setAttribute('aria-busy', 'false');
      replace(status, errorBox(error.status === 404 && owner.kind === 'account'
        ? { title: 'Account not found', detail: `There is no account ${owner.id} in your organization.` }
        : error, load));
      return;
    }
    if (disposed || asked.generation !== generation) return;
    answer = { ...asked, etag: result.etag, body: result.body, text: JSON.stringify(result.body) };
    draw();
  }

  /** One poll: asks with the ETag held and redraws only when the answer changed. */
  async function refresh() {
    const held = answer;
    if (!held || disposed) return;
    const result = await Api.calendarIfChanged(owner, held.from, held.to, tz, held.etag);
    if (disposed || answer !== held || !result.changed) return;
    const text = JSON.stringify(result.body);
    answer = { ...held, etag: result.etag, body: result.body, text };
    if (text !== held.text) draw();
  }

  /** Draws the view in place, keeping the focused item (by its key) and the scroll position. */
  function draw() {
    const focused = body.contains(document.activeElement) ? document.activeElement?.dataset?.focusKey : null;
    const scroll = [window.scrollX, window.scrollY];
    const range = rangeOf(choice);
    const dates = layOut(answer?.body, range.from, range.to, choice.kinds);
    laidOut = dates;
    const view = choice.view === 'month' ? monthGrid(choice.month, range, dates, ctx)
      : choice.view === 'week' ? weekList(range, dates, ctx) : agendaList(range, dates, ctx);
    view.setAttribute('aria-busy', answer ? 'false' : 'true');
    replace(body, view);
    if (focused) body.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
    window.scrollTo(scroll[0], scroll[1]);
    if (answer) showSummary(dates, range);
  }

  function showSummary(dates, range) {
    let total = 0;
    for (const day of dates.values()) {
      if (day.date >= range.from && day.date <= range.to && (choice.view !== 'month' || day.date.startsWith(choice.month))) total += day.own.length;
    }
    const what = choice.kinds === 'email' ? 'emails' : choice.kinds === 'appointment' ? 'appointments' : 'emails or appointments';
    const where = choice.view === 'month' ? `in ${rangeLabel(choice)}` : `from ${rangeLabel(choice)}`;
    replace(status, total === 0 && !hasContinuing(dates)
      ? h('div', { class: 'empty', id: 'calendar-empty' },
        h('p', {}, `No ${what} with account contacts ${where}.`),
        owner.kind === 'user' ? h('p', { class: 'hint' }, 'They appear here as your linked accounts sync. ', h('a', { href: '#/links' }, 'See your linked accounts')) : null)
      : h('p', { class: 'sr-only', role: 'status' }, `${total} ${total === 1 ? 'item' : 'items'} ${where}.`));
  }

  const hasContinuing = dates => [...dates.values()].some(day => countOf(day) > day.own.length);

  // A route change: the overlay follows it; another view, range or filter redraws in place.
  function update(next) {
    const nextChoice = readChoices(next.params, today);
    const previous = choice;
    choice = nextChoice;
    if (JSON.stringify(previous) !== JSON.stringify(nextChoice)) {
      showChoice();
      const before = fetchRangeOf(previous);
      const after = fetchRangeOf(nextChoice);
      if (before.from !== after.from || before.to !== after.to || !answer) load();
      else draw();
    }
    overlay?.dispose?.();
    overlay = openOverlay(next.params, {
      owner, tz, basePath, month: choice.month,
      // The filter and the multi-day appointments continuing on a date, for a date's list to follow the grid.
      kinds: choice.kinds, continuingOn: date => (laidOut.get(date)?.continuing ?? []).map(c => c.item),
      go: (path, params) => go(path, path === basePath ? { ...choiceParams(choice), ...params } : params),
    });
    return true;
  }
  update(route);

  return {
    update,
    dispose: () => { disposed = true; live.stop(); overlay?.dispose?.(); },
  };
}

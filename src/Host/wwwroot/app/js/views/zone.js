// The time-zone switch shown wherever times are: which zone the page shows dates and times in.
// Choosing a zone stores it (session.js) and announces 'navusoft:timezone' on document; the shell
// (main.js) draws the current screen again in the new zone, and the switch the user changed gets the
// focus back (at once, or when a view that draws later asks for it with takeZoneFocus).
import { h } from '../dom.js';
import { userTimeZone, chosenTimeZone, defaultTimeZone, browserTimeZone, setDisplayTimeZone } from '../session.js';

export const TIMEZONE_EVENT = 'navusoft:timezone';

// The id of the switch whose change is being drawn again: its new copy takes the focus.
let pendingFocus = null;

/**
 * "Times in [America/Chicago ▾]": a labelled select offering the user's default zone, this device's zone, UTC and
 * every zone Intl knows (a native select: typing a name's first letters finds it), and, once the user chose a
 * zone, "Use my default zone". The id names the element; its select is `${id}-select`.
 */
export function zoneSwitch({ id = 'zone-switch' } = {}) {
  const current = userTimeZone();
  const chosen = chosenTimeZone();
  const fallback = defaultTimeZone();
  const suggested = suggestedZones(current, fallback);
  const everyZone = h('optgroup', { label: 'All time zones' });
  const select = h('select', { id: `${id}-select`, class: 'zone-select', 'aria-describedby': `${id}-hint` },
    chosen ? h('option', { value: '' }, `Use my default zone (${fallback})`) : null,
    h('optgroup', { label: 'Suggested' }, suggested.map(zone => h('option', { value: zone, selected: zone === current }, zone))),
    everyZone);
  // The ~400 other zones join the list when the user reaches for it (focus, pointer), not with every screen drawn.
  const fill = () => {
    if (everyZone.childElementCount > 0) return;
    everyZone.append(...allZones().filter(zone => !suggested.includes(zone)).map(zone => h('option', { value: zone }, zone)));
  };
  select.addEventListener('focus', fill);
  select.addEventListener('pointerdown', fill);
  select.addEventListener('change', () => choose(select));
  return h('div', { class: 'zone-switch', id, 'data-time-zone': current },
    h('label', { for: `${id}-select` }, 'Times in'),
    select,
    h('span', { class: 'sr-only', id: `${id}-hint` }, 'Dates and times on this page are shown in this time zone; choosing another shows them again in it.'));
}

/** Whether the switch with this id was just changed (then its new copy should take the focus); answers once. */
export function takeZoneFocus(id) {
  if (pendingFocus !== id) return false;
  pendingFocus = null;
  return true;
}

function choose(select) {
  const zone = select.value;
  setDisplayTimeZone(zone === '' ? null : zone);
  pendingFocus = select.id;
  document.dispatchEvent(new CustomEvent(TIMEZONE_EVENT, { detail: { timeZone: userTimeZone() } }));
  // Most screens draw again at once: the new copy of this switch takes the focus the old one had.
  const again = document.getElementById(select.id);
  if (again && again !== select && takeZoneFocus(select.id)) again.focus();
}

// The zone shown now, the user's default, this device's and UTC, each once.
function suggestedZones(current, fallback) {
  return [...new Set([current, fallback, browserTimeZone(), 'UTC'])];
}

function allZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

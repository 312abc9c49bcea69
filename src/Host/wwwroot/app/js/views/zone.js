// The time-zone switch shown wherever times are: which zone the page shows dates and times in.
// Choosing a zone stores it (session.js) and announces 'navusoft:timezone' on document; the shell
// (main.js) draws the current screen again in the new zone.
import { h } from '../dom.js';
import { userTimeZone } from '../session.js';

/** An element naming the zone times are shown in, and letting the user switch it. */
export function zoneSwitch() {
  const tz = userTimeZone();
  return h('span', { class: 'zone', id: 'zone-switch', title: 'Dates and times are shown in this time zone' }, `Times in ${tz}`);
}

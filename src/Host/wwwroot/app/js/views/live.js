// What keeps the link screens current without a reload: a poller on the shared cadence (4 s while a link syncs or
// was linked in the last 5 minutes, else 30 s; nothing while the tab is hidden, at once when it shows again) and a
// ticker that rewrites relative times ("2 minutes ago") every 30 s. Times carry their absolute value and zone in
// <time datetime> and its title.
import { h } from '../dom.js';
import { relativeLabel } from '../format.js';

export const FAST_POLL_MS = 4000;
export const SLOW_POLL_MS = 30000;
export const RECENT_LINK_MS = 5 * 60 * 1000;
export const TICK_MS = 30000;

/** Whether links call for the fast cadence: one is syncing or was linked less than 5 minutes ago. */
export function wantsFastPolling(links, now = Date.now()) {
  return (links ?? []).some(l => l.status === 'Syncing' || (l.linkedAt && now - Date.parse(l.linkedAt) < RECENT_LINK_MS));
}

/**
 * Calls `poll()` (async; resolves to `true` for the fast cadence) again and again on the cadence. Paused while the
 * document is hidden; `now()` polls at once; `stop()` ends it for good.
 */
export function poller(poll) {
  let timer = null;
  let stopped = false;
  let running = false;
  let again = false;
  let fast = false;

  async function run() {
    clearTimeout(timer);
    timer = null;
    if (stopped) return;
    if (running) {
      again = true; // asked for while a read is under way: read once more right after it
      return;
    }
    if (document.hidden) return; // resumed by visibilitychange
    running = true;
    try {
      fast = Boolean(await poll());
    } catch {
      // the screen shows its own error; the next round tries again
    } finally {
      running = false;
    }
    if (again && !stopped) {
      again = false;
      run();
      return;
    }
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    if (!stopped && !document.hidden) timer = setTimeout(run, fast ? FAST_POLL_MS : SLOW_POLL_MS);
  }

  const visibility = () => {
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
    } else {
      run();
    }
  };
  document.addEventListener('visibilitychange', visibility);

  return {
    now: run,
    stop() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', visibility);
    },
  };
}

/** Rewrites every relative time inside `root` every 30 s; returns the stop function. */
export function relativeTicker(root) {
  const tick = () => {
    for (const time of root.querySelectorAll('time[data-relative]')) time.textContent = relativeLabel(time.dateTime);
  };
  const timer = setInterval(tick, TICK_MS);
  return () => clearInterval(timer);
}

/** "Dec 6, 2026, 2:25 PM CST": the instant in the zone, the zone named. */
export function absoluteLabel(instant, timeZone) {
  if (!instant) return '—';
  return new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
  }).format(new Date(instant));
}

/** A relative time ("2 minutes ago") that the ticker keeps current, with the absolute time and zone as its title. */
export function relativeTime(instant, timeZone, attrs = {}) {
  return h('time', { datetime: instant, title: `${absoluteLabel(instant, timeZone)} (${timeZone})`, 'data-relative': '', ...attrs }, relativeLabel(instant));
}

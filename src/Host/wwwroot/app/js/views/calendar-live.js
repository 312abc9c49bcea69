// Live calendars by conditional polling (the calendar answers carry ETags; a 304 costs the server one
// small read): every 4 s while one of the user's links syncs or was linked less than 5 minutes ago,
// else every 30 s; nothing while the tab is hidden (one poll at once when it shows again).
import { h } from '../dom.js';
import { Api } from '../api.js';
import { linkProblem, relinkHref, relinkLabel } from './common.js';

export const FAST_MS = 4_000;
export const SLOW_MS = 30_000;
const RECENT_LINK_MS = 5 * 60_000;

/** Whether the links call for the fast cadence. */
export function busyLinks(links) {
  const now = Date.now();
  return links.some(l => l.status === 'Syncing' || l.progress || (l.linkedAt && now - Date.parse(l.linkedAt) < RECENT_LINK_MS));
}

/**
 * Polls the user's links and the calendar (`refresh`, which asks with the ETag it holds) until stopped;
 * `onLinks(links)` hears every links answer. The first poll runs at once.
 */
export function startLive({ refresh, onLinks }) {
  let links = [];
  let timer = null;
  let running = false;
  let stopped = false;

  async function tick() {
    timer = null;
    if (stopped || document.hidden) return;
    running = true;
    try {
      const [answer] = await Promise.allSettled([Api.links(), refresh()]);
      if (answer.status === 'fulfilled' && Array.isArray(answer.value) && !stopped) {
        links = answer.value;
        onLinks(links);
      }
    } finally {
      running = false;
    }
    schedule();
  }

  function schedule() {
    if (stopped || document.hidden || timer !== null) return;
    timer = setTimeout(tick, busyLinks(links) ? FAST_MS : SLOW_MS);
  }

  function onVisibility() {
    clearTimeout(timer);
    timer = null;
    if (!document.hidden && !running) tick();
  }

  document.addEventListener('visibilitychange', onVisibility);
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

/** The banner's two parts: sync progress (a polite status) and link problems (alerts). */
export function linkBanner() {
  const progress = h('div', { id: 'calendar-progress', role: 'status' });
  const problems = h('div', { id: 'calendar-problems' });
  const element = h('div', { id: 'calendar-banner' }, progress, problems);
  let shownProgress = '';
  let shownProblems = '';

  function show(links) {
    const active = links.filter(l => l.status !== 'Unlinked');
    const progressLines = active.filter(l => l.status === 'Syncing' || l.progress).map(l => [l.linkId, progressText(l)]);
    const problemLines = active.length === 0 ? [['none']] : active.filter(linkProblem).map(l => [l.linkId, linkProblem(l), l.status]);
    // Drawn again only when the words change, so a screen reader hears each change once.
    if (JSON.stringify(progressLines) !== shownProgress) {
      shownProgress = JSON.stringify(progressLines);
      progress.replaceChildren(...progressLines.map(([linkId, text]) => h('p', { class: 'alert alert-info sync-progress', 'data-syncing-link-id': linkId },
        h('span', { class: 'spinner', 'aria-hidden': 'true' }), text)));
    }
    if (JSON.stringify(problemLines) !== shownProblems) {
      shownProblems = JSON.stringify(problemLines);
      problems.replaceChildren(...(active.length === 0 ? [noLinks()] : active.filter(linkProblem).map(problem)));
    }
  }
  return { element, show };
}

/** "Syncing dana@…: 120 items checked, 14 added so far", or without counts while none are known. */
export function progressText(link) {
  const p = link.progress;
  if (p && Number.isFinite(p.scanned) && Number.isFinite(p.recorded)) {
    return `Syncing ${link.externalAccount}: ${p.scanned} ${p.scanned === 1 ? 'item' : 'items'} checked, ${p.recorded} added so far`;
  }
  return `Syncing ${link.externalAccount} — new items appear here as they arrive`;
}

function noLinks() {
  return h('div', { class: 'alert alert-info', id: 'no-links' },
    h('p', {}, 'Link your external email and calendar to see your emails and appointments with account contacts here.'),
    h('a', { class: 'button', href: '#/link' }, 'Link External Calendar/Email'));
}

function problem(link) {
  return h('div', { class: `alert ${link.status === 'ReauthRequired' ? 'alert-warning' : 'alert-error'}`, role: 'alert', 'data-link-id': link.linkId },
    h('p', {}, linkProblem(link)),
    link.status === 'ReauthRequired' ? h('a', { class: 'button relink', href: relinkHref(link) }, relinkLabel(link)) : h('a', { href: '#/links' }, 'See linked accounts'));
}

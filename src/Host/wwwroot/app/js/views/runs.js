// A link's recent runs (GET /api/me/links/{linkId}/runs): why it ran, when, how long, how it
// ended, what it scanned, matched and recorded, what the privacy rules filtered, and which items it
// skipped and why (provider ids only: the ledger holds no content).
import { h, replace, errorBox, loading } from '../dom.js';
import { Api } from '../api.js';
import { absoluteLabel } from './live.js';

const TRIGGERS = {
  link: 'First sync', schedule: 'Scheduled sync', push: 'Push notification', manual: 'Sync now',
  lookback: 'Look-back', check: 'Completeness check',
};

const OUTCOMES = { running: 'Running', completed: 'Completed', failed: 'Failed' };

const RULES = { blocklist: 'by the blocklist', internal: 'internal-only', bulk: 'bulk mail' };

export const RUNS_SHOWN = 10;

/**
 * The "Recent runs" disclosure of each link card. The links list redraws its cards while a sync
 * runs; the panel keeps which disclosures are open and their last answer, so a redraw neither
 * closes them nor blanks them.
 */
export function runsPanel(tz) {
  const open = new Set();
  const cache = new Map();
  const bodies = new Map();
  let disposed = false;

  function element(link) {
    const body = h('div', { class: 'runs-body', id: `runs-${link.linkId}`, 'aria-live': 'polite' });
    bodies.set(link.linkId, body);
    if (cache.has(link.linkId)) draw(body, cache.get(link.linkId));
    const details = h('details', { class: 'runs', 'data-link-id': link.linkId, open: open.has(link.linkId) },
      h('summary', {}, 'Recent runs'), body);
    // Fires when opened, and once for a redrawn card that is created open: either way, read afresh.
    details.addEventListener('toggle', () => {
      if (details.open) {
        open.add(link.linkId);
        read(link.linkId);
      } else {
        open.delete(link.linkId);
      }
    });
    return details;
  }

  async function read(linkId) {
    if (!cache.has(linkId)) replace(bodies.get(linkId), loading('Loading the recent runs…'));
    try {
      const runs = await Api.runs(linkId, RUNS_SHOWN);
      cache.set(linkId, runs);
      if (!disposed) draw(bodies.get(linkId), runs);
    } catch (error) {
      if (!disposed) replace(bodies.get(linkId), errorBox(error, () => read(linkId)));
    }
  }

  function draw(body, runs) {
    replace(body, runs.length === 0
      ? h('p', { class: 'empty' }, 'No runs yet.')
      : h('ol', { class: 'run-list' }, runs.map(run => runItem(run, tz))));
  }

  return { element, dispose: () => { disposed = true; } };
}

function runItem(run, tz) {
  const filtered = Object.entries(run.filtered ?? {}).filter(([, n]) => n > 0);
  const filteredTotal = filtered.reduce((sum, [, n]) => sum + n, 0);
  const skipped = run.skipped ?? [];
  const skippedCount = run.skippedCount ?? skipped.length;
  const count = (cls, n) => h('dd', { class: cls, 'data-count': n }, String(n));
  return h('li', { class: `run run-${run.outcome}`, 'data-run-id': run.runId, 'data-trigger': run.trigger, 'data-outcome': run.outcome },
    h('div', { class: 'run-head' },
      h('strong', { class: 'run-trigger' }, TRIGGERS[run.trigger] ?? run.trigger ?? 'Sync'), ' ',
      h('span', { class: `badge outcome-${run.outcome}` }, OUTCOMES[run.outcome] ?? run.outcome), ' ',
      h('span', { class: 'meta' },
        h('time', { datetime: run.startedAt, title: tz }, absoluteLabel(run.startedAt, tz)),
        ' · ', h('span', { class: 'run-duration' }, run.finishedAt ? durationLabel(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : 'still running'))),
    h('dl', { class: 'facts compact run-counts' },
      h('dt', {}, 'Scanned'), count('run-scanned', run.scanned),
      h('dt', {}, 'Matched'), count('run-matched', run.matched),
      h('dt', {}, 'Recorded'), count('run-recorded', run.recorded),
      h('dt', {}, 'Filtered'), h('dd', { class: 'run-filtered', 'data-count': filteredTotal },
        filtered.length === 0 ? 'none' : filtered.map(([rule, n]) => `${n} ${RULES[rule] ?? rule}`).join(', ')),
      h('dt', {}, 'Skipped'), count('run-skipped', skippedCount)),
    skipped.length ? h('ul', { class: 'skipped-items' }, skipped.map(item => h('li', { 'data-provider-id': item.providerId },
      h('code', {}, item.providerId), ': ', item.reason))) : null,
    skippedCount > skipped.length ? h('p', { class: 'hint' }, `and ${skippedCount - skipped.length} more skipped, not listed.`) : null,
    run.error ? h('p', { class: 'alert alert-error run-error' }, run.error) : null);
}

export function durationLabel(ms) {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

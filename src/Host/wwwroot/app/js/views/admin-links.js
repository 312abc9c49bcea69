// The admin console's Links: every link of the tenant (GET /api/admin/links: the fields of GET /api/me/links plus
// userId, and userName/userEmail when known) with its health. Links that need a person come first and stand out; a
// status filter (kept in the route as ?status=) narrows the table; the summary counts who must link again. The table
// stays current like the user's own list (views/live.js).
import { h, replace, errorBox, loading } from '../dom.js';
import { Api } from '../api.js';
import { userTimeZone } from '../session.js';
import { PROVIDER_NAMES, statusBadge } from './common.js';
import { poller, relativeTicker, relativeTime, absoluteLabel, wantsFastPolling } from './live.js';

export const FILTERS = [
  { value: '', label: 'All' },
  { value: 'ReauthRequired', label: 'Needs relink' },
  { value: 'Failed', label: 'Failed' },
  { value: 'Syncing', label: 'Syncing' },
  { value: 'Active', label: 'Active' },
  { value: 'Unlinked', label: 'Unlinked' },
];

// Links needing a person first, then the running, the healthy and the past ones.
const RANK = { ReauthRequired: 0, Failed: 1, Syncing: 2, Active: 3, Unlinked: 4 };
const needsPerson = link => link.status === 'ReauthRequired' || link.status === 'Failed';
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

export function linksSection(panel, { params, setParams, forbidden }) {
  const tz = userTimeZone();
  let status = FILTERS.some(f => f.value === params.get('status')) ? params.get('status') : '';
  let links = null;
  let shown = null;
  let disposed = false;
  const summary = h('p', { id: 'admin-links-summary', class: 'admin-summary' });
  const filter = h('select', { id: 'admin-links-filter' }, FILTERS.map(f => h('option', { value: f.value, selected: f.value === status }, f.label)));
  const body = h('div', { id: 'admin-links-body', 'aria-busy': 'true' }, loading('Loading the links of your organization…'));
  replace(panel, h('h2', {}, 'Links'),
    h('p', { class: 'hint' }, 'Every mailbox your users linked, with its health. A link that needs its user to link again comes first.'),
    summary,
    h('div', { class: 'inline-form admin-filter' }, h('label', { for: 'admin-links-filter' }, 'Show'), filter),
    body);
  filter.addEventListener('change', () => {
    status = filter.value;
    setParams(new URLSearchParams({ status }));
    if (links) draw();
  });

  async function load() {
    let answer;
    try {
      answer = await Api.adminLinks();
    } catch (error) {
      if (disposed) return false;
      failed(error);
      return false;
    }
    if (disposed) return false;
    const json = JSON.stringify(answer);
    if (json !== shown) {
      shown = json;
      links = [...answer].sort((a, b) => (RANK[a.status] ?? 5) - (RANK[b.status] ?? 5) || userLabel(a).localeCompare(userLabel(b)));
      draw();
    }
    return wantsFastPolling(answer);
  }

  function failed(error) {
    body.setAttribute('aria-busy', 'false');
    shown = null;
    if (error.status === 403) {
      live.stop();
      forbidden();
    } else if (error.status === 404 || error.status === 405) {
      live.stop(); // an older server: asking again will not help
      filter.closest('.admin-filter').hidden = true;
      replace(body, h('div', { class: 'alert alert-warning', id: 'admin-links-unavailable', role: 'alert' },
        h('p', {}, h('strong', {}, 'This server cannot list your organization\'s links yet.')),
        h('p', {}, 'It has no GET /api/admin/links: once NavusoftSync is updated, every link and its health shows here. Until then each user sees their own links under Linked accounts.')));
    } else {
      replace(body, errorBox(error, () => live.now()));
    }
  }

  function draw() {
    body.setAttribute('aria-busy', 'false');
    replace(summary, summaryText(links));
    const rows = links.filter(l => !status || l.status === status);
    const label = FILTERS.find(f => f.value === status)?.label ?? 'All';
    replace(body, rows.length === 0
      ? h('p', { class: 'empty', id: 'admin-links-empty' }, status ? `No links with the status "${label}".` : 'Nobody in your organization has linked a mailbox yet.')
      : linksTable(rows, tz));
  }

  const live = poller(load);
  const stopTicker = relativeTicker(body);
  live.now();
  return { dispose: () => { disposed = true; live.stop(); stopTicker(); } };
}

function summaryText(links) {
  const count = s => links.filter(l => l.status === s).length;
  const relink = count('ReauthRequired');
  const failed = count('Failed');
  const parts = [];
  if (relink) parts.push(`${plural(relink, 'link needs its', 'links need their')} user to link again.`);
  if (failed) parts.push(`${plural(failed, 'link', 'links')} failed ${failed === 1 ? 'its' : 'their'} last sync.`);
  if (!relink && !failed) parts.push(links.length ? 'No link needs attention.' : '');
  const kinds = ['Active', 'Syncing', 'Unlinked'].map(s => [s, count(s)]).filter(([, n]) => n).map(([s, n]) => `${n} ${s.toLowerCase()}`);
  parts.push(`${plural(links.length, 'link', 'links')} in all${kinds.length ? `: ${kinds.join(', ')}` : ''}.`);
  return parts.filter(Boolean).join(' ');
}

function userLabel(link) {
  return link.userName || link.userEmail || link.userId || '';
}

function linksTable(rows, tz) {
  const columns = ['User', 'Provider', 'External account', 'Status', 'Last sync', 'Problem', 'Push', 'Completeness'];
  return h('table', { class: 'admin-table admin-links', id: 'admin-links-table' },
    h('caption', { class: 'sr-only' }, 'Links of your organization, those needing a person first'),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map(link => linkRow(link, tz))));
}

function linkRow(link, tz) {
  const cell = (label, ...content) => h('td', { 'data-label': label }, ...content);
  return h('tr', { class: needsPerson(link) ? 'needs-person' : null, 'data-link-id': link.linkId, 'data-status': link.status },
    h('th', { scope: 'row', 'data-label': 'User', class: 'admin-user' }, userLabel(link),
      link.userName && link.userEmail ? h('span', { class: 'meta block' }, link.userEmail) : null),
    cell('Provider', PROVIDER_NAMES[link.provider] ?? link.provider),
    cell('External account', h('span', { class: 'external-account' }, link.externalAccount)),
    cell('Status', statusBadge(link.status), link.status === 'Syncing' && link.progress
      ? h('span', { class: 'meta block' }, `${link.progress.scanned ?? 0} checked, ${link.progress.recorded ?? 0} added so far`) : null),
    cell('Last sync', link.lastSyncAt
      ? [relativeTime(link.lastSyncAt, tz), h('span', { class: 'meta block' }, absoluteLabel(link.lastSyncAt, tz))]
      : 'not yet'),
    cell('Problem', h('span', { class: 'link-error' }, problemOf(link))),
    cell('Push', PUSH[link.push?.status] ?? link.push?.status ?? 'Off'),
    cell('Completeness', link.completeness ? `${link.completeness.present} of ${link.completeness.expected} found` : 'not checked yet'));
}

const PUSH = { Active: 'On', Renewing: 'Renewing', Failed: 'Failed', Off: 'Off' };

function problemOf(link) {
  if (link.status === 'ReauthRequired') {
    return `Needs its user to link again: ${link.reauthReason || 'access expired or was revoked.'}`;
  }
  if (link.status === 'Failed') return link.lastSyncError || 'The last sync failed.';
  return link.lastSyncError || '—';
}

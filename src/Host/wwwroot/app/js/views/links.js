// The user's linked accounts: status, last sync, counts, completeness, Sync now, Check now and
// Unlink, and each link's recent runs (the sync ledger: counts, filtered by rule, skipped items).
import { h, replace, errorBox, loading } from '../dom.js';
import { Api } from '../api.js';
import { dateTimeLabel, relativeLabel } from '../format.js';
import { userTimeZone } from '../session.js';
import { PROVIDER_NAMES, statusBadge, confirmDialog, linkProblem, relinkHref, relinkLabel } from './common.js';
import { runsPanel } from './runs.js';

export function linksView(main) {
  const tz = userTimeZone();
  const notice = h('div', { 'aria-live': 'polite', id: 'links-notice' });
  const body = h('div', { id: 'links-body', 'aria-busy': 'true' }, loading('Loading your linked accounts…'));
  let timer = null;
  let disposed = false;
  let watchUntil = 0;
  const runs = runsPanel(tz);

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Linked accounts'),
      h('a', { class: 'button', href: '#/link', id: 'add-link' }, 'Link External Calendar/Email')),
    h('p', { class: 'hint' }, 'Emails and appointments with your customers\' account contacts sync from these accounts to your calendar and the account calendars.'),
    notice, body);

  async function load() {
    clearTimeout(timer);
    let links;
    try {
      links = await Api.links();
    } catch (error) {
      if (disposed) return;
      body.setAttribute('aria-busy', 'false');
      replace(body, errorBox(error, load));
      return;
    }
    if (disposed) return;
    body.setAttribute('aria-busy', 'false');
    draw(links);
    // Keep the list fresh while a sync runs, a first sync is due, or one was just asked for.
    if (links.some(l => l.status === 'Syncing' || (l.status === 'Active' && !l.lastSyncAt)) || Date.now() < watchUntil) timer = setTimeout(load, 1500);
  }

  function draw(links) {
    const current = links.filter(l => l.status !== 'Unlinked');
    const past = links.filter(l => l.status === 'Unlinked');
    if (current.length === 0) {
      replace(body, h('div', { class: 'empty', id: 'links-empty' },
        h('p', {}, 'You have not linked an external email or calendar yet.'),
        h('a', { class: 'button', href: '#/link' }, 'Link External Calendar/Email')));
    } else {
      replace(body, h('ul', { class: 'link-list', id: 'link-list' }, current.map(linkCard)));
    }
    if (past.length) {
      body.append(h('details', { class: 'past-links' },
        h('summary', {}, `Previously linked (${past.length})`),
        h('ul', { class: 'link-list' }, past.map(l => h('li', { class: 'link-card unlinked', 'data-link-id': l.linkId },
          h('div', { class: 'link-title' }, h('strong', {}, l.externalAccount), ' ', statusBadge(l.status)),
          h('p', { class: 'meta' }, `${PROVIDER_NAMES[l.provider] ?? l.provider}, linked ${dateTimeLabel(l.linkedAt, tz)}`))))));
    }
  }

  function linkCard(link) {
    const problem = linkProblem(link);
    const syncing = link.status === 'Syncing';
    return h('li', { class: `link-card link-${link.status.toLowerCase()}`, 'data-link-id': link.linkId, 'data-account': link.externalAccount },
      h('div', { class: 'link-title' },
        h('h2', {}, link.externalAccount),
        statusBadge(link.status)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Provider'), h('dd', {}, PROVIDER_NAMES[link.provider] ?? link.provider),
        h('dt', {}, 'Linked'), h('dd', {}, dateTimeLabel(link.linkedAt, tz)),
        h('dt', {}, 'Last sync'), h('dd', { class: 'last-sync' },
          link.lastSyncAt ? h('time', { datetime: link.lastSyncAt, title: dateTimeLabel(link.lastSyncAt, tz) }, relativeLabel(link.lastSyncAt)) : (syncing ? 'running now…' : 'not yet')),
        h('dt', {}, 'Synced'), h('dd', { class: 'counts' },
          h('span', { class: 'emails-synced', 'data-count': link.emailsSynced }, `${link.emailsSynced} ${link.emailsSynced === 1 ? 'email' : 'emails'}`), ', ',
          h('span', { class: 'appointments-synced', 'data-count': link.appointmentsSynced }, `${link.appointmentsSynced} ${link.appointmentsSynced === 1 ? 'appointment' : 'appointments'}`),
          link.itemsSkipped ? [', ', h('span', { class: 'items-skipped', 'data-count': link.itemsSkipped }, `${link.itemsSkipped} skipped`)] : null),
        h('dt', {}, 'Completeness'), h('dd', { class: 'completeness', 'data-checked-at': link.completeness?.checkedAt }, completenessText(link.completeness))),
      problem ? h('div', { class: `alert ${link.status === 'ReauthRequired' ? 'alert-warning' : 'alert-error'}`, role: 'alert' },
        h('p', {}, problem),
        link.status === 'ReauthRequired' ? h('a', { class: 'button relink', href: relinkHref(link) }, relinkLabel(link)) : null) : null,
      h('div', { class: 'actions' },
        link.status === 'ReauthRequired' ? null : h('button', {
          type: 'button', class: 'secondary sync-now', disabled: syncing, 'aria-label': `Sync ${link.externalAccount} now`,
          onclick: () => syncNow(link),
        }, syncing ? 'Syncing…' : 'Sync now'),
        link.status === 'ReauthRequired' ? null : h('button', {
          type: 'button', class: 'secondary check-now', 'aria-label': `Check ${link.externalAccount} for missing items now`, onclick: () => checkNow(link),
        }, 'Check now'),
        h('button', { type: 'button', class: 'danger unlink', 'aria-label': `Unlink ${link.externalAccount}`, onclick: () => unlink(link) }, 'Unlink')),
      runs.element(link));
  }

  function completenessText(completeness) {
    if (!completeness) return 'not checked yet';
    const { checkedAt, expected, present, repaired } = completeness;
    return [
      h('span', { class: 'completeness-counts', 'data-expected': expected, 'data-present': present, 'data-repaired': repaired },
        `${present} of ${expected} found${repaired ? `, ${repaired} missing ${repaired === 1 ? 'item' : 'items'} recorded` : ''}`),
      checkedAt ? [' · checked ', h('time', { datetime: checkedAt, title: dateTimeLabel(checkedAt, tz) }, relativeLabel(checkedAt))] : null,
    ];
  }

  async function checkNow(link) {
    try {
      await Api.checkNow(link.linkId);
      notice.replaceChildren(h('p', { class: 'alert alert-info', role: 'status' },
        `Completeness check of ${link.externalAccount} requested: the provider is searched for items missing here, and those found are recorded. The result shows under Completeness and in the recent runs.`));
      watchUntil = Date.now() + 30000;
      load();
    } catch (error) {
      notice.replaceChildren(errorBox(error));
    }
  }

  async function syncNow(link) {
    try {
      await Api.syncNow(link.linkId);
      notice.replaceChildren(h('p', { class: 'alert alert-info', role: 'status' }, `Sync of ${link.externalAccount} requested. The counts update when it finishes.`));
      watchUntil = Date.now() + 20000;
      load();
    } catch (error) {
      notice.replaceChildren(errorBox(error));
    }
  }

  async function unlink(link) {
    const ok = await confirmDialog(`Unlink ${link.externalAccount}?`,
      'Syncing stops and the stored sign-in for this account is deleted. Its emails and appointments leave your calendar.', 'Unlink');
    if (!ok) return;
    try {
      await Api.unlink(link.linkId);
      notice.replaceChildren(h('p', { class: 'alert alert-info', role: 'status' }, `${link.externalAccount} is unlinked.`));
      load();
    } catch (error) {
      notice.replaceChildren(errorBox(error));
    }
  }

  load();
  return { dispose: () => { disposed = true; clearTimeout(timer); runs.dispose(); } };
}

// The user's linked accounts: status, last sync, counts, completeness, Sync now, Check now and
// Unlink, and each link's recent runs (the sync ledger: counts, filtered by rule, skipped items).
// The list stays current without a reload (views/live.js): it polls GET /api/me/links on the shared cadence, redraws
// only when the answer changed (keeping the focused control and open disclosures), and keeps relative times current.
import { h, replace, errorBox, loading } from '../dom.js';
import { Api } from '../api.js';
import { userTimeZone } from '../session.js';
import { PROVIDER_NAMES, PASSWORD_PROVIDERS, statusBadge, confirmDialog, linkProblem, relinkHref, relinkLabel } from './common.js';
import { runsPanel } from './runs.js';
import { poller, relativeTicker, relativeTime, absoluteLabel, wantsFastPolling } from './live.js';

export function linksView(main) {
  const tz = userTimeZone();
  const notice = h('div', { 'aria-live': 'polite', id: 'links-notice' });
  const body = h('div', { id: 'links-body', 'aria-busy': 'true' }, loading('Loading your linked accounts…'));
  let disposed = false;
  let watchUntil = 0;
  let shown = null; // the last answer drawn, as JSON
  let pastOpen = false;
  const runs = runsPanel(tz);
  const live = poller(load);
  const stopTicker = relativeTicker(body);

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Linked accounts'),
      h('a', { class: 'button', href: '#/link', id: 'add-link' }, 'Link External Calendar/Email')),
    h('p', { class: 'hint' }, 'Emails and appointments with your customers\' account contacts sync from these accounts to your calendar and the account calendars. This page updates by itself.'),
    notice, body);

  /** Reads the links and redraws when they changed; resolves true while the fast cadence applies. */
  async function load() {
    let links;
    try {
      links = await Api.links();
    } catch (error) {
      if (disposed) return false;
      body.setAttribute('aria-busy', 'false');
      if (shown !== null) { // a refresh failed: the list stays, marked as not current
        notice.replaceChildren(h('p', { class: 'alert alert-warning', id: 'links-stale' }, `This list could not be refreshed (${error.title}). It tries again by itself.`));
        return false;
      }
      replace(body, errorBox(error, () => live.now()));
      return false;
    }
    if (disposed) return false;
    notice.querySelector('#links-stale')?.remove();
    body.setAttribute('aria-busy', 'false');
    const json = JSON.stringify(links);
    if (json !== shown) {
      shown = json;
      keepingFocus(() => draw(links));
    }
    return wantsFastPolling(links) || Date.now() < watchUntil;
  }

  // A redraw replaces the cards: the control that had the focus gets it back in the new card.
  function keepingFocus(redraw) {
    const active = document.activeElement;
    const card = active && body.contains(active) ? active.closest('[data-link-id]') : null;
    const key = card ? [...active.classList].find(c => ['sync-now', 'check-now', 'unlink', 'relink'].includes(c)) ?? (active.tagName === 'SUMMARY' ? 'summary' : null) : null;
    redraw();
    if (!card || !key) return;
    const again = body.querySelector(`[data-link-id="${CSS.escape(card.dataset.linkId)}"] ${key === 'summary' ? 'summary' : `.${key}`}`);
    (again && !again.disabled ? again : body.querySelector(`[data-link-id="${CSS.escape(card.dataset.linkId)}"] .unlink`))?.focus();
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
      const details = h('details', { class: 'past-links', open: pastOpen },
        h('summary', {}, `Previously linked (${past.length})`),
        h('ul', { class: 'link-list' }, past.map(l => h('li', { class: 'link-card unlinked', 'data-link-id': l.linkId },
          h('div', { class: 'link-title' }, h('strong', {}, l.externalAccount), ' ', statusBadge(l.status)),
          h('p', { class: 'meta' }, `${PROVIDER_NAMES[l.provider] ?? l.provider}, linked ${absoluteLabel(l.linkedAt, tz)}`)))));
      details.addEventListener('toggle', () => { pastOpen = details.open; });
      body.append(details);
    }
  }

  function linkCard(link) {
    const problem = linkProblem(link);
    const syncing = link.status === 'Syncing';
    return h('li', { class: `link-card link-${link.status.toLowerCase()}`, 'data-link-id': link.linkId, 'data-account': link.externalAccount },
      h('div', { class: 'link-title' },
        h('h2', {}, link.externalAccount),
        statusBadge(link.status)),
      syncing ? progressLine(link) : null,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Provider'), h('dd', {}, PROVIDER_NAMES[link.provider] ?? link.provider),
        h('dt', {}, 'Linked'), h('dd', {}, h('time', { datetime: link.linkedAt, title: tz }, absoluteLabel(link.linkedAt, tz))),
        h('dt', {}, 'Last sync'), h('dd', { class: 'last-sync' },
          link.lastSyncAt ? relativeTime(link.lastSyncAt, tz) : (syncing ? 'running now…' : 'not yet')),
        h('dt', {}, 'Synced'), h('dd', { class: 'counts' },
          h('span', { class: 'emails-synced', 'data-count': link.emailsSynced }, `${link.emailsSynced} ${link.emailsSynced === 1 ? 'email' : 'emails'}`), ', ',
          h('span', { class: 'appointments-synced', 'data-count': link.appointmentsSynced }, `${link.appointmentsSynced} ${link.appointmentsSynced === 1 ? 'appointment' : 'appointments'}`),
          link.itemsSkipped ? [', ', h('span', { class: 'items-skipped', 'data-count': link.itemsSkipped }, `${link.itemsSkipped} skipped`)] : null),
        h('dt', {}, 'Completeness'), h('dd', { class: 'completeness', 'data-checked-at': link.completeness?.checkedAt }, completenessText(link.completeness))),
      problem ? h('div', { class: `alert ${link.status === 'ReauthRequired' ? 'alert-warning' : 'alert-error'} link-problem`, role: 'alert' },
        h('p', {}, problem),
        providerReason(link),
        link.status === 'ReauthRequired' ? h('a', { class: 'button relink', href: relinkHref(link) }, relinkLabel(link)) : null) : null,
      !problem && link.lastSyncError ? h('p', { class: 'hint last-sync-error' }, `The last sync did not finish: ${link.lastSyncError}`) : null,
      h('div', { class: 'actions' },
        link.status === 'ReauthRequired' ? null : h('button', {
          type: 'button', class: 'secondary sync-now', disabled: syncing, 'aria-label': `${syncing ? 'Syncing…' : 'Sync now'}: ${link.externalAccount}`,
          onclick: () => syncNow(link),
        }, syncing ? 'Syncing…' : 'Sync now'),
        link.status === 'ReauthRequired' ? null : h('button', {
          type: 'button', class: 'secondary check-now', 'aria-label': `Check now: ${link.externalAccount}, for missing items`, onclick: () => checkNow(link),
        }, 'Check now'),
        h('button', { type: 'button', class: 'danger unlink', 'aria-label': `Unlink ${link.externalAccount}`, onclick: () => unlink(link) }, 'Unlink')),
      runs.element(link));
  }

  // "Syncing: 120 checked, 14 added so far" from the run's progress (absent or null until the first page is committed).
  function progressLine(link) {
    const progress = link.progress ?? null;
    if (!progress) return h('p', { class: 'sync-progress', 'data-scanned': '', 'data-recorded': '' }, 'Syncing now: the first items are being read.');
    return h('p', { class: 'sync-progress', 'data-scanned': progress.scanned ?? 0, 'data-recorded': progress.recorded ?? 0 },
      `Syncing: ${progress.scanned ?? 0} checked, ${progress.recorded ?? 0} added so far`,
      progress.startedAt ? [' (started ', relativeTime(progress.startedAt, tz), ')'] : null, '.');
  }

  // An OAuth link's reason from the provider, when the host passes one on (a password link's reason is the problem itself).
  function providerReason(link) {
    if (link.status !== 'ReauthRequired' || !link.reauthReason || PASSWORD_PROVIDERS.has(link.provider)) return null;
    return h('p', { class: 'reauth-reason' }, link.reauthReason);
  }

  function completenessText(completeness) {
    if (!completeness) return 'not checked yet';
    const { checkedAt, expected, present, repaired } = completeness;
    return [
      h('span', { class: 'completeness-counts', 'data-expected': expected, 'data-present': present, 'data-repaired': repaired },
        `${present} of ${expected} found${repaired ? `, ${repaired} missing ${repaired === 1 ? 'item' : 'items'} recorded` : ''}`),
      checkedAt ? [' · checked ', relativeTime(checkedAt, tz)] : null,
    ];
  }

  async function checkNow(link) {
    try {
      await Api.checkNow(link.linkId);
      notice.replaceChildren(h('p', { class: 'alert alert-info', role: 'status' },
        `Completeness check of ${link.externalAccount} requested: the provider is searched for items missing here, and those found are recorded. The result shows under Completeness and in the recent runs.`));
      watchUntil = Date.now() + 30000;
      live.now();
    } catch (error) {
      notice.replaceChildren(errorBox(error));
    }
  }

  async function syncNow(link) {
    try {
      await Api.syncNow(link.linkId);
      notice.replaceChildren(h('p', { class: 'alert alert-info', role: 'status' }, `Sync of ${link.externalAccount} requested. The counts update when it finishes.`));
      watchUntil = Date.now() + 20000;
      live.now();
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
      live.now();
    } catch (error) {
      notice.replaceChildren(errorBox(error));
    }
  }

  live.now();
  return { dispose: () => { disposed = true; live.stop(); stopTicker(); runs.dispose(); } };
}

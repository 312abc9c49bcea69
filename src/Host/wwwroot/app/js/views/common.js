import { h } from '../dom.js';

export const PROVIDER_NAMES = { microsoft: 'Microsoft 365 / Outlook', google: 'Google Workspace / Gmail', imap: 'IMAP / CalDAV (app password)' };

/** Links whose login is an app password the user types (IMAP/CalDAV), not a provider sign-in. */
export const PASSWORD_PROVIDERS = new Set(['imap']);

export const STATUS_TEXT = {
  Active: 'Active',
  Syncing: 'Syncing',
  ReauthRequired: 'Reauthorization required',
  Failed: 'Failed',
  Unlinked: 'Unlinked',
};

export function statusBadge(status) {
  return h('span', { class: `badge status-${String(status).toLowerCase()}`, 'data-status': status }, STATUS_TEXT[status] ?? status);
}

/**
 * Asks a yes/no question in the confirm dialog; resolves true for OK. Focus starts on Cancel (the safe
 * answer), Tab stays inside the dialog (main.js), Escape answers Cancel, and focus goes back to the control
 * that asked (or, when that control is gone, e.g. an unlinked card, to the screen's heading).
 */
export function confirmDialog(title, text, okLabel) {
  const dialog = document.getElementById('confirm');
  const opener = document.activeElement;
  dialog.querySelector('#confirm-title').textContent = title;
  dialog.querySelector('#confirm-text').textContent = text;
  dialog.querySelector('#confirm-ok').textContent = okLabel;
  dialog.returnValue = '';
  dialog.showModal();
  dialog.querySelector('#confirm-cancel').focus();
  return new Promise(resolve => dialog.addEventListener('close', () => {
    resolve(dialog.returnValue === 'ok');
    // After the answer's own work has started (it may redraw the screen): back to the asking control.
    setTimeout(() => returnFocus(opener), 0);
  }, { once: true }));
}

function returnFocus(opener) {
  if (opener && opener !== document.body && opener.isConnected && !opener.disabled) opener.focus();
  else document.querySelector('main h1')?.focus();
}

/** A link that needs the user: the sentence to show, or null. */
export function linkProblem(link) {
  // A password link's reason is the host's sentence (which login was refused, what to do); OAuth reasons are the provider's.
  if (link.status === 'ReauthRequired' && PASSWORD_PROVIDERS.has(link.provider)) {
    return link.reauthReason || `The mail server refused the app password for ${link.externalAccount}, so it is not syncing. Create a new app password with your mail provider and enter it here to resume.`;
  }
  if (link.status === 'ReauthRequired') {
    return `Access to ${link.externalAccount} has expired or was revoked, so it is not syncing. Link it again to resume.`;
  }
  if (link.status === 'Failed') {
    return `The last sync of ${link.externalAccount} failed${link.lastSyncError ? `: ${link.lastSyncError}` : '.'}`;
  }
  return null;
}

export function relinkHref(link) {
  const reauth = PASSWORD_PROVIDERS.has(link.provider) ? { reauth: '1' } : {};
  return `#/link?${new URLSearchParams({ email: link.externalAccount, provider: link.provider, ...reauth })}`;
}

/** The button text that sends a ReauthRequired link's user back to linking. */
export function relinkLabel(link) {
  return PASSWORD_PROVIDERS.has(link.provider) ? 'Enter a new app password' : 'Link again';
}

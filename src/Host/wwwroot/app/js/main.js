// The shell: hash routes, the user menu, and one view at a time in <main>.
import { getSession, clearSession } from './session.js';
import { signInView } from './views/signin.js';
import { linksView } from './views/links.js';
import { linkView } from './views/link.js';
import { calendarView } from './views/calendar.js';
import { accountPickerView } from './views/accounts.js';
import { adminView } from './views/admin.js';
import { privacySettingsView, tenantPrivacyView, isAdmin } from './views/privacy.js';
import { h, replace, keepFocusInDialog } from './dom.js';

const main = document.getElementById('main');
let current = null; // { key, dispose?, update? }

export function parseRoute() {
  const raw = location.hash.replace(/^#/, '') || '/calendar';
  const [path, query = ''] = raw.split('?');
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

/** Navigates to a path with params; null/'' params are dropped. */
export function go(path, params = {}, { replace: replaceEntry = false } = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  const hash = `#${path}${query ? `?${query}` : ''}`;
  if (replaceEntry) history.replaceState(null, '', hash);
  if (location.hash !== hash) {
    if (replaceEntry) render();
    else location.hash = hash;
  } else if (replaceEntry) render();
}

function resolve(route) {
  const [first, second, third] = route.segments;
  if (first === 'signin') return { key: 'signin', view: signInView };
  if (!getSession()) return null;
  if (first === 'links') return { key: 'links', view: linksView };
  if (first === 'settings') return { key: 'settings', view: privacySettingsView };
  if (first === 'admin' && second === 'privacy') return { key: 'admin-privacy', view: tenantPrivacyView };
  if (first === 'admin') return { key: `admin:${second ?? ''}`, view: adminView };
  if (first === 'link') return { key: `link?${route.params}`, view: linkView };
  if (first === 'accounts' && second && third === 'calendar') {
    return { key: `account:${second}`, view: calendarView, owner: { kind: 'account', id: second } };
  }
  if (first === 'accounts') return { key: 'accounts', view: accountPickerView };
  return { key: 'me', view: calendarView, owner: { kind: 'user' } };
}

/**
 * Draws the screen of the address. Focus policy: a new screen (another view key) takes focus on its <h1>,
 * so screen readers hear where they are; the same screen updating in place (an overlay, another month)
 * keeps focus where it is: the view's update(route) handles it and answers anything but false.
 * `keepFocusOn` (an element id) puts focus back on the redrawn control of that id instead.
 */
function render({ keepFocusOn } = {}) {
  const route = parseRoute();
  const target = resolve(route);
  if (!target) {
    go('/signin', { next: location.hash.replace(/^#/, '') }, { replace: true });
    return;
  }
  updateChrome(route);
  // Same screen: the view may take the new route itself (e.g. a calendar opening an overlay).
  if (current && current.key === target.key && current.update && current.update(route) !== false) return;
  current?.dispose?.();
  closeOverlay();
  replace(main);
  const handle = target.view(main, route, { go, owner: target.owner }) ?? {};
  current = { key: target.key, ...handle };
  syncTitle();
  const kept = keepFocusOn ? document.getElementById(keepFocusOn) : null;
  if (kept && main.contains(kept)) kept.focus();
  else focusHeading();
}

/** Focus on the screen's <h1>, or on <main> while the view has not drawn one yet. */
function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  } else {
    main.focus({ preventScroll: true });
  }
}

// The document title follows the screen's <h1>, also when a view names it after loading (an account's name).
function syncTitle() {
  const text = main.querySelector('h1')?.textContent.trim();
  const title = text ? `${text} · Navusoft` : 'Navusoft · Calendar and email sync';
  if (document.title !== title) document.title = title;
}
new MutationObserver(syncTitle).observe(main, { childList: true, subtree: true, characterData: true });

function closeOverlay() {
  const overlay = document.getElementById('overlay');
  if (overlay.open) overlay.close();
}

function updateChrome(route) {
  const session = getSession();
  const signedIn = Boolean(session);
  document.getElementById('user-menu').hidden = !signedIn;
  document.getElementById('primary-nav').hidden = !signedIn;
  if (session) {
    const claims = session.claims ?? {};
    document.getElementById('user-name').textContent = claims.name || claims.email || claims.sub || 'Signed in';
  }
  // The tenant's policy is the admins' (the server answers 403 to anyone else).
  document.getElementById('menu-admin-privacy').hidden = !(signedIn && isAdmin());
  document.getElementById('menu-admin').hidden = !(signedIn && isAdmin());
  const sections = { accounts: 'accounts', links: 'links', link: 'links', settings: 'settings', admin: 'admin' };
  const section = sections[route.segments[0]] ?? 'calendar';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

// ---- the user menu (a menu button: arrows move, Escape closes, Tab leaves) ---------------------
function setUpUserMenu() {
  const button = document.getElementById('user-menu-button');
  const list = document.getElementById('user-menu-list');
  const items = () => [...list.querySelectorAll('[role="menuitem"]')].filter(item => !item.parentElement.hidden);
  const open = focusLast => {
    list.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const all = items();
    all[focusLast ? all.length - 1 : 0].focus();
  };
  const close = returnFocus => {
    if (list.hidden) return;
    list.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (returnFocus) button.focus();
  };
  button.addEventListener('click', () => (list.hidden ? open(false) : close(true)));
  button.addEventListener('keydown', event => {
    if (event.key === 'ArrowDown') { event.preventDefault(); open(false); }
    if (event.key === 'ArrowUp') { event.preventDefault(); open(true); }
  });
  list.addEventListener('keydown', event => {
    const all = items();
    const at = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown') { event.preventDefault(); all[(at + 1) % all.length].focus(); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); all[(at - 1 + all.length) % all.length].focus(); }
    else if (event.key === 'Home') { event.preventDefault(); all[0].focus(); }
    else if (event.key === 'End') { event.preventDefault(); all[all.length - 1].focus(); }
    else if (event.key === 'Escape') { event.preventDefault(); close(true); }
    else if (event.key === 'Tab') close(false);
  });
  list.addEventListener('click', event => {
    if (event.target.closest('[role="menuitem"]')) close(false);
  });
  document.addEventListener('click', event => {
    if (!event.target.closest('#user-menu')) close(false);
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    clearSession();
    current?.dispose?.();
    current = null;
    go('/signin', { signedOut: 1 });
  });
}

// The skip link moves focus into <main> without touching the address (the hash holds the route).
document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});

// The confirm dialog keeps Tab inside while open (the details overlay keeps its own: details.js).
keepFocusInDialog(document.getElementById('confirm'));

// The overlay dialog: Escape and the close button go back to the route without the overlay.
document.getElementById('overlay').addEventListener('cancel', event => {
  event.preventDefault();
  document.getElementById('overlay').dispatchEvent(new CustomEvent('overlay-close'));
});

window.addEventListener('hashchange', () => render());
// The user chose another time zone (views/zone.js): the screen draws again in it.
document.addEventListener('navusoft:timezone', () => rerender());
setUpUserMenu();
if (!location.hash) history.replaceState(null, '', '#/calendar');
render();

/**
 * Exposed for views that need a hard re-render (e.g. after signing in, or in another time zone). Focus stays
 * on the control that had it when the redrawn screen has one of the same id (the time-zone switch).
 */
export function rerender() {
  const focused = document.activeElement;
  const keepFocusOn = focused && focused !== main && main.contains(focused) && focused.id ? focused.id : undefined;
  current?.dispose?.();
  current = null;
  render({ keepFocusOn });
}

export { h };

// The sign-in session: a Navusoft bearer token kept in this tab's sessionStorage. The page never
// sees provider (Microsoft/Google) tokens: those stay on the server.
const KEY = 'navusoft.session';

// What other modules cache for the signed-in user; emptied whenever the user changes or signs out,
// so the next user of this tab never sees the previous one's names.
const caches = new Set();

export function getSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!session?.token) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      clearSession();
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(token, expiresAt) {
  const claims = decodeClaims(token);
  const session = { token, expiresAt: expiresAt ?? (claims.exp ? new Date(claims.exp * 1000).toISOString() : null), claims };
  forgetCaches();
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** Signs out: the token and everything cached for its user (account names, …) are forgotten. */
export function clearSession() {
  sessionStorage.removeItem(KEY);
  forgetCaches();
}

/** Registers a cache (anything with clear()) to be emptied at sign-in and sign-out. */
export function forgetOnSignOut(cache) {
  caches.add(cache);
  return cache;
}

function forgetCaches() {
  for (const cache of caches) cache.clear();
}

/** The user's IANA zone: the token's tz claim, else the browser's. */
export function userTimeZone() {
  return getSession()?.claims?.tz || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The JWT payload (display only; the server validates the token). */
export function decodeClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = part + '='.repeat((4 - (part.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

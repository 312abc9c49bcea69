// The sign-in session: a Navusoft bearer token kept in this tab's sessionStorage. The page never
// sees provider (Microsoft/Google) tokens: those stay on the server.
const KEY = 'navusoft.session';
// The time zone the signed-in user chose to see times in: { user, zone }, kept beside the token and
// forgotten with it.
const ZONE_KEY = 'navusoft.timezone';

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
  if (storedZone()?.user !== userKey(claims)) sessionStorage.removeItem(ZONE_KEY);
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** Signs out: the token and everything cached for its user (account names, …) are forgotten. */
export function clearSession() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ZONE_KEY);
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

/** The zone times are shown in: the one the user chose, else the token's tz claim, else the browser's. */
export function userTimeZone() {
  const session = getSession();
  return chosenZone(session) || defaultTimeZone(session);
}

/** The zone the user gets without choosing one: the token's tz claim, else the browser's. */
export function defaultTimeZone(session = getSession()) {
  const tz = session?.claims?.tz;
  return (isTimeZone(tz) && tz) || browserTimeZone();
}

export function browserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone the signed-in user chose (null: none, times follow the default). */
export function chosenTimeZone() {
  return chosenZone(getSession());
}

/**
 * Shows times in zone for the signed-in user until they sign out (null, '' or an unknown zone: back to the default).
 * Answers whether a choice is stored.
 */
export function setDisplayTimeZone(zone) {
  const session = getSession();
  if (!session || !zone || !isTimeZone(zone)) {
    sessionStorage.removeItem(ZONE_KEY);
    return false;
  }
  sessionStorage.setItem(ZONE_KEY, JSON.stringify({ user: userKey(session.claims), zone }));
  return true;
}

/** Whether Intl knows the IANA zone. */
export function isTimeZone(zone) {
  if (typeof zone !== 'string' || zone === '' || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function chosenZone(session) {
  const stored = storedZone();
  if (!session || !stored || stored.user !== userKey(session.claims) || !isTimeZone(stored.zone)) return null;
  return stored.zone;
}

function storedZone() {
  try {
    return JSON.parse(sessionStorage.getItem(ZONE_KEY) ?? 'null');
  } catch {
    return null;
  }
}

// Who the choice belongs to: tenant and subject of the token.
const userKey = claims => `${claims?.tid ?? ''}/${claims?.sub ?? ''}`;

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

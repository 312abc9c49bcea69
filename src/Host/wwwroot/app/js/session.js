// The sign-in session: a Navusoft bearer token kept in this tab's sessionStorage. The page never
// sees provider (Microsoft/Google) tokens: those stay on the server.
const KEY = 'navusoft.session';

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
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
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

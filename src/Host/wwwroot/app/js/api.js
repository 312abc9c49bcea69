// The public REST contract (CONTRACT.md) and nothing else.
import { getSession, clearSession, forgetOnSignOut } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem?.title || `The server answered ${status}`;
    this.detail = problem?.detail;
    this.errors = problem?.errors;
  }
}

export async function api(path, { method = 'GET', body, anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (!anonymous) {
    const session = getSession();
    if (!session) {
      location.hash = '#/signin';
      throw new ApiError(401, { title: 'Not signed in', detail: 'Sign in to continue.' });
    }
    headers.Authorization = `Bearer ${session.token}`;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, { title: 'The server cannot be reached', detail: 'Check your connection and try again.' });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (response.status === 401 && !anonymous) {
    clearSession();
    location.hash = '#/signin?expired=1';
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/**
 * A conditional GET for polling (the calendar answers carry an ETag): with the ETag of the answer the page holds, a
 * 304 answers { changed: false } and costs the server almost nothing; otherwise { changed: true, etag, body }.
 */
export async function getIfChanged(path, etag) {
  const session = getSession();
  if (!session) {
    location.hash = '#/signin';
    throw new ApiError(401, { title: 'Not signed in', detail: 'Sign in to continue.' });
  }
  const headers = { Accept: 'application/json', Authorization: `Bearer ${session.token}` };
  if (etag) headers['If-None-Match'] = etag;
  let response;
  try {
    response = await fetch(path, { headers, cache: 'no-store' });
  } catch {
    throw new ApiError(0, { title: 'The server cannot be reached', detail: 'Check your connection and try again.' });
  }
  if (response.status === 304) return { changed: false, etag };
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (response.status === 401) {
    clearSession();
    location.hash = '#/signin?expired=1';
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return { changed: true, etag: response.headers.get('ETag'), body: json };
}

const q = params => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
const e = encodeURIComponent;

export const Api = {
  devToken: request => api('/api/dev/token', { method: 'POST', body: request, anonymous: true }),
  providers: email => api(`/api/providers?${q({ email })}`),
  startLink: (provider, loginHint) => api('/api/me/links', { method: 'POST', body: { provider, loginHint } }),
  linkMailbox: request => api('/api/me/links', { method: 'POST', body: request }),
  links: () => api('/api/me/links'),
  syncNow: linkId => api(`/api/me/links/${e(linkId)}/sync`, { method: 'POST' }),
  unlink: linkId => api(`/api/me/links/${e(linkId)}`, { method: 'DELETE' }),
  account: accountId => api(`/api/accounts/${e(accountId)}`),
  calendar: (owner, from, to, tz) => api(`${calendarBase(owner)}?${q({ from, to, tz })}`),
  day: (owner, date, tz) => api(`${calendarBase(owner)}/days/${e(date)}?${q({ tz })}`),
  email: threadId => api(`/api/emails/${e(threadId)}`),
  appointment: appointmentId => api(`/api/appointments/${e(appointmentId)}`),
  markEmailPrivate: (threadId, isPrivate) => api(`/api/emails/${e(threadId)}/private`, { method: 'PUT', body: { private: isPrivate } }),
  markAppointmentPrivate: (appointmentId, isPrivate) => api(`/api/appointments/${e(appointmentId)}/private`, { method: 'PUT', body: { private: isPrivate } }),
  myPrivacy: () => api('/api/me/privacy'),
  saveMyPrivacy: settings => api('/api/me/privacy', { method: 'PUT', body: settings }),
  tenantPrivacy: () => api('/api/admin/privacy'),
  saveTenantPrivacy: policy => api('/api/admin/privacy', { method: 'PUT', body: policy }),
  runs: (linkId, limit = 10) => api(`/api/me/links/${e(linkId)}/runs?${q({ limit })}`),
  checkNow: linkId => api(`/api/me/links/${e(linkId)}/check`, { method: 'POST' }),
  /** The calendar range, conditionally: see getIfChanged. */
  calendarIfChanged: (owner, from, to, tz, etag) => getIfChanged(`${calendarBase(owner)}?${q({ from, to, tz })}`, etag),
  searchAccounts: (query, { limit, cursor } = {}) => api(`/api/accounts?${q({ q: query, limit, cursor })}`),
  adminLinks: status => api(`/api/admin/links?${q({ status })}`),
  adminProviders: () => api('/api/admin/providers'),
  setProvider: (providerId, enabled, reviewTicket) => api(`/api/admin/providers/${e(providerId)}`, { method: 'PUT', body: { enabled, reviewTicket } }),
  domains: () => api('/api/admin/providers/domains'),
  mapDomain: (domain, provider) => api(`/api/admin/providers/domains/${e(domain)}`, { method: 'PUT', body: { provider } }),
  unmapDomain: domain => api(`/api/admin/providers/domains/${e(domain)}`, { method: 'DELETE' }),
};

function calendarBase(owner) {
  return owner.kind === 'account' ? `/api/accounts/${e(owner.id)}/calendar` : '/api/me/calendar';
}

// Account names of the signed-in user's tenant; forgotten at sign-out (session.js).
const accountNames = forgetOnSignOut(new Map());

/** The account's name (cached until sign-out), or null when it cannot be read. */
export async function accountName(accountId) {
  if (!accountNames.has(accountId)) {
    accountNames.set(accountId, Api.account(accountId).then(a => a?.name ?? null, () => null));
  }
  return accountNames.get(accountId);
}

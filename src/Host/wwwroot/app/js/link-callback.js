// The OAuth callback's page when the browser brought no proof of who started the link (no bearer
// token, no browser binding cookie): nothing was consumed. If this window was opened by a
// NavusoftSync page (same origin), hand it the provider's answer (code and state, or error) from
// this page's address; that page repeats the callback with its token. postMessage names this origin
// as the only receiver, so an opener elsewhere gets nothing. Otherwise the page's text stays.
const params = new URLSearchParams(location.search);
const message = {
  type: 'navusoft-link-callback',
  code: params.get('code'),
  state: params.get('state'),
  error: params.get('error'),
};

function openerIsOurs() {
  try {
    return Boolean(window.opener) && !window.opener.closed && window.opener.location.origin === location.origin;
  } catch {
    return false; // an opener on another origin: reading its location throws
  }
}

if (openerIsOurs()) {
  window.opener.postMessage(message, location.origin);
  document.getElementById('link-callback-unbound').hidden = true;
  document.getElementById('link-callback-relaying').hidden = false;
}

// Tiny DOM helpers: elements are built with text nodes only (never innerHTML), so synced
// subjects and bodies can never inject markup.

/** h('button', {class: 'x', onclick: fn, 'aria-label': '…'}, 'text', child, [children]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A problem (or any error) as an alert box (role=alert: screen readers read it when it appears), with an
 * optional retry button, reachable by Tab right after the message.
 */
export function errorBox(error, retry) {
  const box = h('div', { class: 'alert alert-error', role: 'alert' },
    h('strong', {}, error?.title || 'Something went wrong'),
    error?.detail ? h('p', {}, error.detail) : null,
    error?.errors ? h('ul', {}, Object.entries(error.errors).map(([field, messages]) => h('li', {}, `${field}: ${[].concat(messages).join(' ')}`))) : null);
  if (retry) box.append(h('button', { type: 'button', class: 'secondary', onclick: retry }, 'Try again'));
  return box;
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/**
 * Says a short sentence to screen-reader users without moving focus (a polite live region shared by every
 * view: "Showing March 2026", "3 new items"). The region is emptied first, so the same sentence said twice
 * is heard twice.
 */
export function announce(text) {
  let region = document.getElementById('announcer');
  if (!region) {
    region = h('div', { id: 'announcer', class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    document.body.append(region);
  }
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 60);
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), '
  + 'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The controls inside `container` that Tab reaches, in order. */
export function focusables(container) {
  return [...container.querySelectorAll(FOCUSABLE)].filter(el => !el.closest('[hidden]') && el.getClientRects().length > 0);
}

/**
 * Keeps Tab and Shift+Tab inside a modal dialog while it is open: the last control wraps to the first and
 * back, so focus never leaves for the browser's own controls. Call once per dialog element; whoever opens
 * the dialog gives focus back to its opener when it closes (see confirmDialog in views/common.js).
 */
export function keepFocusInDialog(dialog) {
  dialog.addEventListener('keydown', event => {
    if (event.key !== 'Tab') return;
    const all = focusables(dialog);
    if (all.length === 0) { event.preventDefault(); return; }
    const first = all[0];
    const last = all[all.length - 1];
    const inside = dialog.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || !inside)) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && (document.activeElement === last || !inside)) { event.preventDefault(); first.focus(); }
  });
}

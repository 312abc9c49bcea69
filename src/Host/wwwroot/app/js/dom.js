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

/** A problem (or any error) as an alert box, with an optional retry button. */
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

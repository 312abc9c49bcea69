// Form pieces the settings pages share: a list of entries to add and remove, a choice of
// visibility level, and the server's field errors (RFC 9457 `errors`) shown next to their fields.
import { h } from '../dom.js';

export const LEVELS = ['full', 'subject', 'metadata'];

export const LEVEL_TEXT = {
  full: { name: 'Everything', sentence: 'Colleagues see the subject, the participants and the text of the emails and appointments.' },
  subject: { name: 'Subject only', sentence: 'Colleagues see subjects, titles and participants, but no message text or description.' },
  metadata: { name: 'Metadata only', sentence: 'Colleagues see only that an email or appointment took place, when, and with which accounts: no subject and no text.' },
};

export const levelRank = level => Math.max(0, LEVELS.indexOf(level));

/**
 * The server's `errors` grouped by field: `blocklist`, `Blocklist[2]`, `$.accountVisibility` and
 * `request.Reason` all name the field in camelCase; an index names one entry of a list.
 * Returns Map field → { messages: [], entries: Map index → [messages] }.
 */
export function groupFieldErrors(errors) {
  const fields = new Map();
  for (const [key, value] of Object.entries(errors ?? {})) {
    const path = key.replace(/^\$\.?/, '').replace(/^request\./i, '');
    const match = /^([A-Za-z0-9_]+)(?:\[(\d+)\])?/.exec(path);
    const field = match ? match[1].charAt(0).toLowerCase() + match[1].slice(1) : path || 'request';
    const group = fields.get(field) ?? { messages: [], entries: new Map() };
    const messages = [].concat(value).map(String);
    if (match?.[2] !== undefined) group.entries.set(Number(match[2]), messages);
    group.messages.push(...messages);
    fields.set(field, group);
  }
  return fields;
}

/** The slot under a field that holds its error; `show(messages)` fills it and marks the control invalid. */
export function errorSlot(id, control) {
  const slot = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  return {
    element: slot,
    show(messages) {
      const text = [].concat(messages ?? []).join(' ');
      slot.textContent = text;
      slot.hidden = !text;
      for (const el of [].concat(control ?? [])) {
        if (text) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
    },
  };
}

/**
 * Entries (addresses, @domains, domains) to add and remove before saving. `normalize` trims and
 * lower-cases; the server validates (its messages show under the field and on the entry).
 */
export function entryList({ id, label, hint, placeholder, entries, normalize = v => v.trim().toLowerCase(), onChange }) {
  let values = [...(entries ?? [])];
  let entryErrors = new Map();
  const input = h('input', { id: `${id}-input`, autocomplete: 'off', spellcheck: 'false', placeholder, 'aria-describedby': `${id}-hint ${id}-error` });
  const list = h('ul', { class: 'entries', id: `${id}-entries`, 'aria-label': label });
  const error = errorSlot(id, input);
  const add = () => {
    const value = normalize(input.value);
    if (!value) {
      input.focus();
      return;
    }
    if (!values.includes(value)) values = [...values, value];
    input.value = '';
    draw();
    onChange?.();
    input.focus();
  };
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter') { event.preventDefault(); add(); }
  });

  function draw() {
    list.replaceChildren(...(values.length === 0
      ? [h('li', { class: 'entries-empty' }, 'None.')]
      : values.map((value, index) => {
        const problem = entryErrors.get(index);
        return h('li', { class: `entry${problem ? ' invalid' : ''}`, 'data-entry': value },
          h('span', { class: 'entry-value' }, value),
          problem ? h('span', { class: 'entry-error' }, problem.join(' ')) : null,
          h('button', { type: 'button', class: 'icon remove-entry', 'aria-label': `Remove ${value}`, onclick: () => remove(index) }, '✕'));
      })));
  }

  function remove(index) {
    values = values.filter((_, i) => i !== index);
    entryErrors = new Map();
    draw();
    onChange?.();
    (list.querySelector('.remove-entry') ?? input).focus();
  }

  draw();
  return {
    element: h('div', { class: 'field entry-field', id },
      h('label', { for: `${id}-input` }, label),
      h('p', { class: 'hint', id: `${id}-hint` }, hint),
      list,
      h('div', { class: 'inline-form' }, input, h('button', { type: 'button', class: 'secondary add-entry', id: `${id}-add`, onclick: add }, 'Add')),
      error.element),
    input,
    /** The entries, with what is still typed in the box added (a forgotten "Add" is not lost). */
    value: () => {
      const typed = normalize(input.value);
      return typed && !values.includes(typed) ? [...values, typed] : values;
    },
    showErrors(group) {
      entryErrors = group?.entries ?? new Map();
      error.show(group?.messages);
      draw();
    },
  };
}

/** The three levels as radio buttons, each explained; levels looser than `strictest` are disabled. */
export function levelChoice({ id, legend, value, strictest, note }) {
  const floor = levelRank(strictest ?? 'full');
  const radios = LEVELS.map(level => h('input', {
    type: 'radio', name: id, id: `${id}-${level}`, value: level, checked: level === value,
    disabled: levelRank(level) < floor, 'aria-describedby': `${id}-${level}-text ${id}-error`,
  }));
  const error = errorSlot(id, radios);
  return {
    element: h('fieldset', { class: 'field level-choice', id },
      h('legend', {}, legend),
      note ? h('p', { class: 'hint', id: `${id}-note` }, note) : null,
      LEVELS.map((level, i) => h('div', { class: `choice level${radios[i].disabled ? ' unavailable' : ''}` },
        radios[i],
        h('label', { for: `${id}-${level}` }, h('strong', {}, LEVEL_TEXT[level].name),
          h('span', { class: 'choice-text', id: `${id}-${level}-text` }, LEVEL_TEXT[level].sentence,
            radios[i].disabled ? ' Your organization requires a stricter level.' : '')))),
      error.element),
    value: () => radios.find(r => r.checked)?.value ?? value,
    focus: () => (radios.find(r => r.checked) ?? radios.find(r => !r.disabled))?.focus(),
    showErrors: group => error.show(group?.messages),
  };
}

/**
 * Shows each field's messages next to it (aria-invalid, tied by aria-describedby); the rest (fields the page does
 * not draw) in `summary`, an alert screen readers hear; focus goes to the first invalid field.
 */
export function showFieldErrors(error, fields, summary) {
  const groups = groupFieldErrors(error?.errors);
  for (const [name, field] of Object.entries(fields)) field.showErrors(groups.get(name));
  const rest = [...groups.entries()].filter(([name]) => !(name in fields));
  summary.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert', id: 'save-error' },
    h('strong', {}, groups.size ? 'Not saved: see the messages by the fields.' : (error?.title || 'Not saved')),
    !groups.size && error?.detail ? h('p', {}, error.detail) : null,
    rest.length ? h('ul', {}, rest.map(([name, g]) => h('li', {}, `${name}: ${g.messages.join(' ')}`))) : null));
  const first = Object.entries(fields).find(([name]) => groups.has(name));
  if (!first) return;
  if (first[1].focus) first[1].focus();
  else first[1].input?.focus();
}

// The admin console (admins only; the server answers 403 to anyone else): the tenant's providers and their
// integration review, custom domains, every link of the tenant with its health, and the way to the privacy policy
// (its own screen at #/admin/privacy). The sections are WAI-ARIA tabs: arrows, Home and End move between them, and
// the chosen one (and the links' status filter) is kept in the route (#/admin/providers, #/admin/links?status=…)
// without leaving the screen, so a reload or a shared link opens the same section.
import { h, replace } from '../dom.js';
import { isAdmin } from './privacy.js';
import { providersSection, domainsSection } from './admin-settings.js';
import { linksSection } from './admin-links.js';

const SECTIONS = [
  { id: 'providers', label: 'Providers', build: providersSection },
  { id: 'domains', label: 'Custom domains', build: domainsSection },
  { id: 'links', label: 'Links', build: linksSection },
];

/** What a user who is not an administrator sees, here and whenever the server answers 403. */
export function adminOnly() {
  return h('div', { class: 'alert alert-warning', role: 'alert', id: 'admin-only' },
    h('p', {}, h('strong', {}, 'Only your organization\'s Navusoft administrators can use the admin console.')),
    h('p', {}, 'Ask one of them to enable a provider, map a custom domain or look after your organization\'s links. Your own linked accounts are under ',
      h('a', { href: '#/links' }, 'Linked accounts'), '.'));
}

export function adminView(main, route) {
  main.append(h('h1', {}, 'Admin console'));
  if (!isAdmin()) {
    main.append(adminOnly());
    return {};
  }
  main.append(h('p', { class: 'hint' }, 'Your organization\'s providers, custom domains and linked mailboxes.'));
  const tabs = SECTIONS.map(section => h('button', {
    type: 'button', role: 'tab', id: `admin-tab-${section.id}`, 'aria-controls': `admin-panel-${section.id}`, 'data-section': section.id,
  }, section.label));
  const panels = SECTIONS.map(section => h('div', { role: 'tabpanel', id: `admin-panel-${section.id}`, 'aria-labelledby': `admin-tab-${section.id}`, tabindex: '0', hidden: true }));
  const tablist = h('div', { role: 'tablist', 'aria-label': 'Admin console sections', class: 'admin-tablist' }, tabs);
  main.append(
    h('div', { class: 'admin-tabs-bar' }, tablist,
      h('a', { href: '#/admin/privacy', class: 'admin-privacy-link', id: 'admin-privacy-link' }, 'Privacy policy')),
    ...panels);

  let active = null; // { index, dispose }
  function select(index, { focus = false, params = null } = {}) {
    if (active?.index === index) return;
    if (active) {
      active.dispose?.();
      replace(panels[active.index]); // one section's content at a time: no ids twice in the page
    }
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    if (focus) tabs[index].focus();
    const section = SECTIONS[index];
    const query = params ?? new URLSearchParams();
    replace(panels[index]);
    const handle = section.build(panels[index], {
      params: query,
      setParams: next => setRoute(section.id, next),
      forbidden: () => replace(panels[index], adminOnly()),
    }) ?? {};
    active = { index, dispose: handle.dispose };
    setRoute(section.id, query);
  }

  tablist.addEventListener('click', event => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) select(tabs.indexOf(tab));
  });
  tablist.addEventListener('keydown', event => {
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select((next + tabs.length) % tabs.length, { focus: true });
  });

  const first = SECTIONS.findIndex(s => s.id === route.segments[1]);
  select(first < 0 ? 0 : first, { params: first < 0 ? null : route.params });
  return { dispose: () => active?.dispose?.() };
}

// The section (and its own parameters) in the address, replacing the entry: no hashchange, no new screen.
function setRoute(sectionId, params) {
  const query = new URLSearchParams([...params].filter(([, v]) => v)).toString();
  const hash = `#/admin/${sectionId}${query ? `?${query}` : ''}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

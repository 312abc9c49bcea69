// The admin console (admins only; the server answers 403 to anyone else): the tenant's providers and their
// integration review, custom domains, the privacy policy, and every link of the tenant with its health.
import { h } from '../dom.js';

export function adminView(main) {
  main.append(h('h1', {}, 'Admin console'));
  return {};
}

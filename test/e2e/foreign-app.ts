// Script of the foreign-provider spec's app pages (served by foreign-stack.ts):
// the elements and an event log; unlike demo/app/main.ts, nothing that expects the demo OP.
import '../../src/index.js';
import { CiamError, getClient, type OrganizationManager } from '../../src/index.js';

declare global {
  interface Window {
    /** The page's client and its organizations, for the spec's page.evaluate (foreign-orgs.html). */
    shopClient?: () => ReturnType<typeof getClient>;
    shopOrganizations?: () => Promise<OrganizationManager>;
  }
}

const log = document.querySelector('#event-log')!;
const record = (text: string) => log.append(Object.assign(document.createElement('li'), { textContent: text }));

// The tokens must be stored before the event fires: an app calls its API from here.
document.addEventListener('ciam-signed-in', (e) => {
  const login = document.querySelector('ciam-login')!;
  // void: nothing waits for the log line; a failure shows as a page error (the spec fails on those).
  void getClient({ authority: login.authority, clientId: login.clientId })
    .getAccessToken()
    .then((token) => record(`ciam-signed-in ${e.detail.user.email ?? e.detail.user.sub}, ${token ? 'access token ready' : 'NO access token'}`));
});
document.addEventListener('ciam-signed-out', () => record('ciam-signed-out'));
document.addEventListener('ciam-error', (e) => record(`ciam-error ${e.detail.error.code}`));

// The element's client (started by it, so the page's attributes, preset too, are already its config).
window.shopClient = () => {
  const login = document.querySelector('ciam-login')!;
  return getClient({ authority: login.authority, clientId: login.clientId });
};
// The foreign OP has no organizations API: the page lists Grace's two itself, as an app would from its own backend.
window.shopOrganizations = () =>
  window.shopClient!().organizations({
    list: () =>
      Promise.resolve([
        { id: 'tailspin', alias: 'tailspin', name: 'Tailspin Toys', roles: [] },
        { id: 'contoso', alias: 'contoso', name: 'Contoso', roles: [] },
      ]),
    preview: () => Promise.reject(new CiamError({ code: 'invalid_invitation', detail: 'this provider sends no invitations' })),
    accept: () => Promise.reject(new CiamError({ code: 'invalid_invitation', detail: 'this provider sends no invitations' })),
  });

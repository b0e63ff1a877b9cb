import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import * as stories from '../../../stories/org-switcher.stories.js';
import { acme, beta, personal, ScriptedOrganizationsApi } from '../../../test/fixtures/organizations-api.js';
import { scripted, steps, type ScriptedClient, type Step } from '../../../test/fixtures/scripted-client.js';
import { config } from '../../../test/fixtures/session.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { Organization } from '../../client/organizations.js';
import type { CiamOrgChangedEvent } from '../shared/events.js';
import type { CiamOrgSwitcher } from './org-switcher.js';
import './ciam-org-switcher.js';

const part = (el: CiamOrgSwitcher, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const items = (el: CiamOrgSwitcher) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
const focused = (el: CiamOrgSwitcher) => el.shadowRoot!.activeElement;
const checked = (el: CiamOrgSwitcher) => items(el).map((item) => item.getAttribute('aria-checked'));

async function render(step: Step = 'signedInAcme', client: ScriptedClient = scripted(step), api = new ScriptedOrganizationsApi(), locale = 'en') {
  const el = await fixture<CiamOrgSwitcher>(html`<ciam-org-switcher .client=${client} .api=${api} locale=${locale}></ciam-org-switcher>`);
  return { el, client, api };
}

/** Keyboard only: focus the trigger as Tab would, then the keys. */
async function keys(el: CiamOrgSwitcher, ...presses: string[]) {
  for (const press of presses) {
    await sendKeys({ press });
    await el.updateComplete;
  }
}

describe('<ciam-org-switcher>', () => {
  beforeEach(() => sessionStorage.removeItem('ciam.invite'));

  describe('every story', () => {
    for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
      it(`${name} renders and passes axe`, async () => {
        const el = await renderStory<CiamOrgSwitcher>(stories as unknown as StoriesModule, story);
        await waitUntil(() => part(el, 'trigger') || part(el, 'invitation'), 'nothing rendered');
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });
    }
  });

  it('a click while the list is still on its way opens the menu when it comes', async () => {
    let release = () => {};
    const scriptedApi = new ScriptedOrganizationsApi();
    const api = {
      list: () => new Promise<Organization[]>((resolve) => (release = () => resolve([personal, acme, beta]))),
      preview: (token: string) => scriptedApi.preview(token),
      accept: (token: string) => scriptedApi.accept(token),
    };
    const el = document.createElement('ciam-org-switcher');
    Object.assign(el, { client: scripted('signedInPersonal'), api });
    document.body.append(el);
    try {
      await waitUntil(() => part(el, 'trigger'), 'the trigger');
      part(el, 'trigger')!.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(part(el, 'menu'), 'nothing to show yet').to.equal(null);
      release();
      await waitUntil(() => part(el, 'menu'), 'the menu, once the list came');
      expect(items(el).map(text)).to.deep.equal(['Customer · Personal', 'Admin · Acme', 'Delegate · Beta']);
    } finally {
      el.remove();
    }
  });

  it('shows the current role and organization, and lists the three with the role in each', async () => {
    const { el, api } = await render();
    const trigger = part(el, 'trigger')!;
    expect(text(part(el, 'current'))).to.equal('Admin · Acme');
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');
    expect(api.calls).to.deep.equal(['list']); // read when signed in, so the menu opens at once
    trigger.click();
    await el.updateComplete;
    expect(part(el, 'menu')!.getAttribute('role')).to.equal('menu');
    expect(items(el).map(text)).to.deep.equal(['Customer · Personal', 'Admin · Acme', 'Delegate · Beta']);
    expect(items(el).map((item) => item.getAttribute('role'))).to.deep.equal(['menuitemradio', 'menuitemradio', 'menuitemradio']);
    expect(checked(el)).to.deep.equal(['false', 'true', 'false']);
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
  });

  it('a personal sign-in says "Choose an organization"; unknown roles show as given, several joined', async () => {
    const api = new ScriptedOrganizationsApi([personal, { ...acme, roles: ['admin', 'billing'] }]);
    const { el } = await render('signedInPersonal', undefined, api);
    expect(text(part(el, 'current'))).to.equal('Choose an organization');
    expect(el.organization).to.equal(null);
    part(el, 'trigger')!.click();
    await el.updateComplete;
    expect(items(el).map(text)).to.deep.equal(['Customer · Personal', 'Admin, billing · Acme']);
    expect(checked(el)).to.deep.equal(['false', 'false']);
  });

  it('keyboard only: opens on the current item, arrows wrap, Home and End jump, Escape closes back to the trigger', async () => {
    const { el } = await render();
    part(el, 'trigger')!.focus();
    await keys(el, 'ArrowDown');
    expect(focused(el)).to.equal(items(el)[1]); // the current one, Acme
    await keys(el, 'ArrowDown');
    expect(focused(el)).to.equal(items(el)[2]);
    await keys(el, 'ArrowDown');
    expect(focused(el)).to.equal(items(el)[0]); // wrapped
    await keys(el, 'ArrowUp');
    expect(focused(el)).to.equal(items(el)[2]);
    await keys(el, 'Home');
    expect(focused(el)).to.equal(items(el)[0]);
    await keys(el, 'End');
    expect(focused(el)).to.equal(items(el)[2]);
    await keys(el, 'Escape');
    expect(part(el, 'menu')).to.equal(null);
    expect(focused(el)).to.equal(part(el, 'trigger'));
    await keys(el, 'ArrowUp');
    expect(focused(el)).to.equal(items(el)[2]); // ArrowUp opens on the last
    await keys(el, 'Tab');
    expect(part(el, 'menu')).to.equal(null);
    await keys(el, 'Shift+Tab');
    expect(focused(el)).to.equal(part(el, 'trigger'));
    await keys(el, 'Enter');
    expect(focused(el)).to.equal(items(el)[1]);
  });

  it('a click outside closes the menu', async () => {
    const { el } = await render();
    part(el, 'trigger')!.click();
    await el.updateComplete;
    document.body.click();
    await el.updateComplete;
    expect(part(el, 'menu')).to.equal(null);
    expect(part(el, 'trigger')!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('picking Beta (keyboard) switches without navigating: busy while it runs, then the trigger, the status, the properties and ciam-org-changed', async () => {
    const { el, client } = await render();
    let release = () => undefined as void;
    client.switchWait = new Promise<void>((resolve) => (release = resolve));
    const changed = oneEvent<CiamOrgChangedEvent>(el, 'ciam-org-changed');
    part(el, 'trigger')!.focus();
    await keys(el, 'ArrowDown', 'ArrowDown', 'Enter');
    await waitUntil(() => text(part(el, 'status')) === 'Switching to Beta…');
    expect(part(el, 'trigger')!.getAttribute('aria-busy')).to.equal('true');
    expect(part(el, 'trigger')!.getAttribute('aria-disabled')).to.equal('true');
    release();
    const { detail } = await changed;
    expect(detail).to.deep.equal({
      organization: { id: beta.id, name: 'Beta', roles: ['delegate'] },
      roles: ['delegate'],
      previous: { id: acme.id, name: 'Acme', roles: ['admin'] },
    });
    await waitUntil(() => text(part(el, 'status')) === 'You’re now in Beta as Delegate.');
    expect(text(part(el, 'current'))).to.equal('Delegate · Beta');
    expect(el.organization?.id).to.equal(beta.id);
    expect(el.roles).to.deep.equal(['delegate']);
    expect(client.switchCalls.map((c) => [c.organization.id, c.via])).to.deep.equal([[beta.id, 'exchange']]);
    expect(client.calls.filter((c) => c.method === 'signIn')).to.deep.equal([]);
    expect(part(el, 'trigger')!.getAttribute('aria-busy')).to.equal('false');
    expect(focused(el)).to.equal(part(el, 'trigger'));
  });

  it('not_a_member: says why, keeps the current organization, reads the list again, and a retry works', async () => {
    const { el, client, api } = await render();
    client.switchFailure = { code: 'not_a_member' };
    part(el, 'trigger')!.click();
    await el.updateComplete;
    items(el)[2].click();
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(part(el, 'error'))).to.equal('You’re not a member of this organization (any more). Ask one of its admins to invite you.');
    expect(text(part(el, 'current'))).to.equal('Admin · Acme');
    expect(el.organization?.id).to.equal(acme.id);
    await waitUntil(() => api.calls.length === 2);
    expect(api.calls).to.deep.equal(['list', 'list']);
    client.switchFailure = null;
    part(el, 'trigger')!.click();
    await el.updateComplete;
    items(el)[2].click();
    await waitUntil(() => text(part(el, 'current')) === 'Delegate · Beta');
    expect(part(el, 'error')).to.equal(null);
  });

  it('where the OP can only redirect, it says so before leaving', async () => {
    const client = scripted('signedInAcme');
    const state = steps.signedInAcme();
    client.state = { ...state, config: config({ organizations: { switch: 'redirect' } }) } as typeof state;
    const { el } = await render('signedInAcme', client);
    part(el, 'trigger')!.click();
    await el.updateComplete;
    items(el)[2].click();
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('Switching to Beta takes you through your sign-in provider and back.');
    expect(client.switchCalls).to.deep.equal([]); // not yet: the notice comes first
    await waitUntil(() => client.switchCalls.length === 1, 'the switch never went', { timeout: 3000 });
    expect(client.switchCalls[0].via).to.equal('redirect');
    expect(client.calls.at(-1)).to.deep.include({ method: 'signIn' });
  });

  it('fires ciam-org-changed on a restored session (null → Acme) and on sign-out (→ null)', async () => {
    const client = scripted('loading');
    const { el } = await render('loading', client);
    expect(el.organization).to.equal(null);
    const signedIn = oneEvent<CiamOrgChangedEvent>(el, 'ciam-org-changed');
    client.set(steps.signedInAcme());
    expect((await signedIn).detail).to.deep.include({ roles: ['admin'], previous: null });
    expect(el.organization?.name).to.equal('Acme');
    const signedOut = oneEvent<CiamOrgChangedEvent>(el, 'ciam-org-changed');
    client.set(steps.signedOut());
    expect((await signedOut).detail).to.deep.equal({ organization: null, roles: [], previous: { id: acme.id, name: 'Acme', roles: ['admin'] } });
    await el.updateComplete;
    expect(part(el, 'trigger')).to.equal(null);
  });

  it('a guest sees nothing and is in no organization', async () => {
    const { el, api } = await render('guest');
    expect(el.shadowRoot!.querySelector('[part]')).to.equal(null);
    expect(el.organization).to.equal(null);
    expect(api.calls).to.deep.equal([]);
  });

  it('a client without organizations shows nothing', async () => {
    const client = scripted('signedInAcme');
    (client as { organizations?: unknown }).organizations = undefined;
    const { el } = await render('signedInAcme', client);
    expect(el.shadowRoot!.querySelector('[part]')).to.equal(null);
  });

  describe('an invitation link', () => {
    afterEach(() => history.replaceState(null, '', location.pathname + location.search));

    it('signed out: takes the token off the address (keeping the rest), keeps it, and asks to sign in', async () => {
      history.replaceState(null, '', `${location.pathname}${location.search}#tab=2&ciam_invite=inv-123`);
      const { el, api } = await render('signedOut');
      expect(location.hash).to.equal('#tab=2');
      expect(sessionStorage.getItem('ciam.invite')).to.equal('inv-123');
      expect(text(part(el, 'invitation'))).to.equal(
        'You’ve been invited to join an organization. Sign in or create an account with the email address the invitation was sent to.',
      );
      expect(part(el, 'trigger')).to.equal(null);
      expect(api.calls).to.deep.equal([]);
    });

    it('signed in: says what it offers and joins only when the user says so, then switches to the organization', async () => {
      history.replaceState(null, '', `${location.pathname}${location.search}#ciam_invite=inv-123`);
      const { el, client, api } = await render('signedInPersonal');
      expect(location.hash).to.equal('');
      await waitUntil(() => part(el, 'join-button'));
      expect(text(part(el, 'offer')!.querySelector('p'))).to.equal('Ada Lovelace invited you to join Acme as Member.');
      expect(api.calls.filter((c) => !c.startsWith('list'))).to.deep.equal(['preview inv-123'], 'nothing accepted by the link alone');
      expect(client.switchCalls).to.deep.equal([]);
      await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'join-button'), 'focus on Join');
      expect(text(part(el, 'join-button'))).to.equal('Join Acme');

      part(el, 'join-button')!.click();
      await waitUntil(() => text(part(el, 'status')) === 'You joined Acme as Member.');
      expect(api.calls.filter((c) => !c.startsWith('list'))).to.deep.equal(['preview inv-123', 'accept inv-123']);
      expect(client.switchCalls.map((c) => c.organization.id)).to.deep.equal([acme.id]);
      expect(text(part(el, 'current'))).to.equal('Member · Acme');
      expect(part(el, 'offer')).to.equal(null);
      expect(sessionStorage.getItem('ciam.invite')).to.equal(null);
    });

    it('"Not now": nothing is accepted, the tab forgets the invitation', async () => {
      sessionStorage.setItem('ciam.invite', 'inv-123');
      const { el, client, api } = await render('signedInPersonal');
      await waitUntil(() => part(el, 'decline-button'));
      part(el, 'decline-button')!.click();
      await el.updateComplete;
      expect(part(el, 'offer')).to.equal(null);
      expect(sessionStorage.getItem('ciam.invite')).to.equal(null);
      expect(api.calls.some((c) => c.startsWith('accept'))).to.equal(false);
      expect(client.switchCalls).to.deep.equal([]);
    });

    it('after a sign-in that went to the OP and back: the kept token is offered', async () => {
      sessionStorage.setItem('ciam.invite', 'inv-kept');
      const client = scripted('signedOut');
      const { el, api } = await render('signedOut', client);
      client.set(steps.signedInPersonal());
      await waitUntil(() => part(el, 'join-button'));
      expect(api.calls[0]).to.equal('preview inv-kept');
    });

    it('invalid_invitation: forgets it and says why', async () => {
      sessionStorage.setItem('ciam.invite', 'inv-used');
      const api = new ScriptedOrganizationsApi();
      api.acceptFailure = { code: 'invalid_invitation' };
      const { el, client } = await render('signedInPersonal', undefined, api);
      await waitUntil(() => part(el, 'error'));
      expect(text(part(el, 'error'))).to.equal('This invitation has expired, was already used or is for another email address. Ask for a new one.');
      expect(sessionStorage.getItem('ciam.invite')).to.equal(null);
      expect(part(el, 'retry-button')).to.equal(null);
      expect(part(el, 'offer')).to.equal(null);
      expect(client.switchCalls).to.deep.equal([]);
    });

    it('a network error keeps it and offers "Try again", which reads it again', async () => {
      sessionStorage.setItem('ciam.invite', 'inv-123');
      const api = new ScriptedOrganizationsApi();
      api.acceptFailure = { code: 'network' };
      const { el } = await render('signedInPersonal', undefined, api);
      await waitUntil(() => part(el, 'retry-button'));
      expect(sessionStorage.getItem('ciam.invite')).to.equal('inv-123');
      api.acceptFailure = null;
      part(el, 'retry-button')!.click();
      await waitUntil(() => part(el, 'join-button'));
      part(el, 'join-button')!.click();
      await waitUntil(() => text(part(el, 'status')) === 'You joined Acme as Member.');
      expect(api.calls.filter((c) => !c.startsWith('list'))).to.deep.equal(['preview inv-123', 'preview inv-123', 'accept inv-123']);
      expect(part(el, 'retry-button')).to.equal(null);
    });
  });

  it('in Arabic on an English page at 320 px, the open menu stays on the screen', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { el } = await render('signedInAcme', undefined, undefined, 'ar');
      el.shadowRoot!.querySelector<HTMLElement>('[part~="trigger"]')!.focus();
      await keys(el, 'Enter');
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="menu"]'), 'the menu did not open');
      const box = el.shadowRoot!.querySelector('[part~="menu"]')!.getBoundingClientRect();
      expect(box.left, 'left edge').to.be.at.least(0);
      expect(box.right, 'right edge').to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('in German', async () => {
    const { el } = await render('signedInAcme', undefined, undefined, 'de');
    await waitUntil(() => text(part(el, 'current')) === 'Admin · Acme' && el.shadowRoot!.querySelector('.visually-hidden')?.textContent === 'Organisation:');
    part(el, 'trigger')!.click();
    await el.updateComplete;
    expect(items(el).map(text)).to.deep.equal(['Kunde · Personal', 'Admin · Acme', 'Vertretung · Beta']);
    expect(part(el, 'menu')!.getAttribute('aria-label')).to.equal('Ihre Organisationen');
    items(el)[2].click();
    await waitUntil(() => text(part(el, 'status')) === 'Sie sind jetzt in Beta als Vertretung.');
  });
});

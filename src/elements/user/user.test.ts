import { expect, fixture, html } from '@open-wc/testing';
import * as stories from '../../../stories/user.stories.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamUser } from './user.js';
import './ciam-user.js';

const part = (el: CiamUser, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<ciam-user>', () => {
  for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
    it(`story ${name} passes axe`, async () => {
      const el = await renderStory<CiamUser>(stories as unknown as StoriesModule, story);
      await expect(el).to.be.accessible();
    });
  }

  it('shows name, email and initials from the claims, and signs out on click', async () => {
    const client = scripted('signedIn');
    const el = await fixture<CiamUser>(html`<ciam-user .client=${client}></ciam-user>`);
    expect(part(el, 'name')!.textContent).to.equal('Ada Lovelace');
    expect(part(el, 'email')!.textContent).to.equal('ada@example.com');
    expect(part(el, 'avatar')!.textContent).to.equal('AL');
    part(el, 'sign-out-button')!.click();
    expect(client.calls.at(-1)!.method).to.equal('signOut');
  });

  it('renders the picture as a decorative image', async () => {
    const el = await fixture<CiamUser>(html`<ciam-user .client=${scripted('signedInWithPicture')}></ciam-user>`);
    const img = part(el, 'avatar') as HTMLImageElement;
    expect(img.tagName).to.equal('IMG');
    expect(img.getAttribute('alt')).to.equal('');
  });

  it('renders claims as text, never as HTML', async () => {
    const client = scripted('signedIn');
    const el = await fixture<CiamUser>(html`<ciam-user .client=${client}></ciam-user>`);
    const state = steps.signedIn();
    client.set({ ...state, user: user({ name: '<img src=x onerror="window.pwned=1">' }) } as typeof state);
    await el.updateComplete;
    expect(part(el, 'name')!.textContent).to.equal('<img src=x onerror="window.pwned=1">');
    expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0);
  });

  it('renders nothing while signed out and appears on sign-in', async () => {
    const client = scripted('signedOut');
    const el = await fixture<CiamUser>(html`<ciam-user .client=${client}></ciam-user>`);
    expect(part(el, 'user-menu')).to.equal(null);
    client.set(steps.signedIn());
    await el.updateComplete;
    expect(part(el, 'user-menu')).to.be.instanceOf(HTMLElement);
  });

  it('is reachable by keyboard', async () => {
    const el = await fixture<CiamUser>(html`<ciam-user .client=${scripted('signedIn')}></ciam-user>`);
    part(el, 'sign-out-button')!.focus();
    expect(el.shadowRoot!.activeElement, 'focus').to.equal(part(el, 'sign-out-button'));
  });
});

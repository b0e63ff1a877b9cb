import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import * as stories from '../../../stories/passkey.stories.js';
import { ScriptedPasskeyApi, passkeys, scriptedCeremony } from '../../../test/fixtures/passkey-api.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import { ar } from '../../i18n/ar.js';
import type { CiamLogin } from '../login/login.js';
import '../login/ciam-login.js';
import { currentBrowser, describeDevice } from './passkey-name.js';
import type { CiamPasskey } from './passkey.js';
import './ciam-passkey.js';

const parts = (el: CiamPasskey, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const byText = (el: CiamPasskey, text: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent.trim() === text)!;
const focused = (el: CiamPasskey) => el.shadowRoot!.activeElement;
const row = (el: CiamPasskey, name: string) => parts(el, 'item').find((li) => li.querySelector('[part~="name"]')!.textContent === name)!;
/** What this browser's passkeys are called by default ("Chrome on Linux"). */
const thisDevice = () => {
  const { browser, os } = describeDevice(currentBrowser());
  return `${browser} on ${os}`;
};

const loaded = async (el: CiamPasskey) => {
  await waitUntil(() => parts(el, 'item').length > 0 || parts(el, 'empty').some((p) => !p.textContent.includes('Loading')));
  await el.updateComplete;
};

async function render(api = new ScriptedPasskeyApi(), client = scripted('signedIn')) {
  const el = await fixture<CiamPasskey>(html`<ciam-passkey .client=${client} .api=${api}></ciam-passkey>`);
  await loaded(el);
  return { el, api, client };
}

describe('<ciam-passkey>', () => {
  it('a guest session has no account to manage: it says to sign in, and asks the API nothing', async () => {
    const { el, api } = await render(new ScriptedPasskeyApi(), scripted('guest'));
    await new Promise((r) => setTimeout(r, 20));
    expect(el.shadowRoot!.querySelector('[part~="empty"]')?.textContent).to.equal('Sign in to manage your passkeys.');
    expect(api.calls).to.deep.equal([]);
  });

  for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
    it(`story ${name} passes axe`, async () => {
      const el = await renderStory<CiamPasskey>(stories as unknown as StoriesModule, story);
      await new Promise((r) => setTimeout(r, 20));
      await expect(el).to.be.accessible();
    });
  }

  it('lists passkeys with name, synced or device-bound, created and last used', async () => {
    const { el } = await render();
    const items = parts(el, 'item');
    expect(items).to.have.length(2);
    expect(items[0].textContent).to.contain('MacBook Touch ID').and.contain('Synced across your devices').and.contain('Last used');
    expect(items[1].textContent).to.contain('On one device only').and.contain('Not used yet');
  });

  it('renames in place', async () => {
    const { el, api } = await render();
    byText(el, 'Rename').click();
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="rename-form"] input')!;
    expect(el.shadowRoot!.activeElement, 'focus on the name').to.equal(input);
    input.value = 'Work laptop';
    input.form!.requestSubmit();
    await waitUntil(() => parts(el, 'name')[0].textContent === 'Work laptop');
    expect(api.calls).to.include('rename pk-1 Work laptop');
    expect(parts(el, 'status')[0].textContent).to.equal('Passkey renamed.');
  });

  it('asks before removing, then removes', async () => {
    const { el, api } = await render();
    byText(el, 'Remove').click();
    await el.updateComplete;
    expect(parts(el, 'confirm')[0].textContent).to.contain('Remove “MacBook Touch ID”?');
    byText(el, 'Keep it').click();
    await el.updateComplete;
    expect(api.calls.some((c) => c.startsWith('remove'))).to.equal(false);
    byText(el, 'Remove').click();
    await el.updateComplete;
    byText(el, 'Remove passkey').click();
    await waitUntil(() => parts(el, 'item').length === 1);
    expect(api.calls).to.include('remove pk-1');
  });

  it('explains the last-credential guard and keeps the passkey listed', async () => {
    const { el } = await render(new ScriptedPasskeyApi(passkeys(1), 'last_credential'));
    byText(el, 'Remove').click();
    await el.updateComplete;
    byText(el, 'Remove passkey').click();
    await waitUntil(() => parts(el, 'error').length === 1);
    expect(parts(el, 'error')[0].textContent).to.contain('only way to sign in');
    expect(parts(el, 'item')).to.have.length(1);
  });

  it("adds a passkey in one step through the client: options, the browser's prompt, registration", async () => {
    const { el, api, client } = await render(new ScriptedPasskeyApi(passkeys(1)));
    const ceremony = (client.ceremony = scriptedCeremony());
    const journey: Record<string, unknown>[] = [];
    el.addEventListener('ciam-journey', (e) => journey.push({ ...e.detail }));
    byText(el, 'Add a passkey').click();
    await waitUntil(() => parts(el, 'item').length === 2);
    // Its journey: one attempt, no name of the passkey or the device in it.
    expect(journey.map(({ type, step, method, outcome, element }) => [type, step ?? method ?? outcome, element])).to.deep.equal([
      ['step', 'passkey-add', 'ciam-passkey'],
      ['method', 'passkey', 'ciam-passkey'],
      ['outcome', 'ok', 'ciam-passkey'],
    ]);
    expect(new Set(journey.map((e) => e.attempt)).size).to.equal(1);
    expect(JSON.stringify(journey)).to.not.contain(thisDevice());
    expect(api.calls.filter((c) => c !== 'list')).to.deep.equal(['options', `register ${thisDevice()}`]);
    expect(ceremony.calls).to.have.length(1);
    expect(parts(el, 'name')[0].textContent).to.equal(thisDevice());
    expect(parts(el, 'status')[0].textContent).to.equal('Passkey added.');
  });

  it('names a second passkey of this browser apart from the first', async () => {
    const { el, api } = await render(new ScriptedPasskeyApi([{ ...passkeys(1)[0], name: thisDevice() }]));
    byText(el, 'Add a passkey').click();
    await waitUntil(() => parts(el, 'item').length === 2);
    expect(parts(el, 'name').map((n) => n.textContent)).to.deep.equal([`${thisDevice()} (2)`, thisDevice()]);
    expect(api.calls).to.include(`register ${thisDevice()} (2)`);
  });

  describe('focus follows what the user did (never the page body)', () => {
    it("added: the new passkey's name, and the status says so", async () => {
      const { el } = await render(new ScriptedPasskeyApi(passkeys(1)));
      byText(el, 'Add a passkey').focus();
      byText(el, 'Add a passkey').click();
      await waitUntil(() => focused(el)?.matches('[part~="name"]'), 'focus is not on a name');
      expect(focused(el)!.textContent).to.equal(thisDevice());
      expect(parts(el, 'status')[0].textContent).to.equal('Passkey added.');
      expect(parts(el, 'status')[0].getAttribute('aria-live')).to.equal('polite');
    });

    it('a closed browser prompt: back on "Add a passkey"', async () => {
      const { el, client } = await render();
      client.ceremony = scriptedCeremony('cancelled');
      byText(el, 'Add a passkey').click();
      await waitUntil(() => focused(el) === byText(el, 'Add a passkey'), 'focus is not on "Add a passkey"');
    });

    it("renamed: that passkey's Rename button, which now names it", async () => {
      const { el } = await render();
      row(el, 'YubiKey 5C').querySelector<HTMLButtonElement>('[part~="rename-button"]')!.click();
      await el.updateComplete;
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="rename-form"] input')!;
      input.value = 'Desk key';
      input.form!.requestSubmit();
      await waitUntil(() => focused(el)?.matches('[part~="rename-button"]'), 'focus is not on a Rename button');
      expect(focused(el)!.getAttribute('aria-label')).to.equal('Rename: Desk key');
      expect(parts(el, 'status')[0].textContent).to.equal('Passkey renamed.');
    });

    it('rename or removal cancelled: the button that opened it', async () => {
      const { el } = await render();
      byText(el, 'Rename').click();
      await el.updateComplete;
      byText(el, 'Cancel').click();
      await el.updateComplete;
      expect(focused(el)!.getAttribute('aria-label')).to.equal('Rename: MacBook Touch ID');
      byText(el, 'Remove').click();
      await el.updateComplete;
      expect(focused(el)).to.equal(parts(el, 'remove-confirm-button')[0]);
      byText(el, 'Keep it').click();
      await el.updateComplete;
      expect(focused(el)!.getAttribute('aria-label')).to.equal('Remove: MacBook Touch ID');
    });

    it('removed: the next passkey; the last one removed: the heading', async () => {
      const { el } = await render();
      byText(el, 'Remove').click();
      await el.updateComplete;
      byText(el, 'Remove passkey').click();
      await waitUntil(() => focused(el)?.matches('[part~="name"]'), 'focus is not on the next name');
      expect(focused(el)!.textContent).to.equal('YubiKey 5C');
      expect(parts(el, 'status')[0].textContent).to.equal('Passkey removed.');
      byText(el, 'Remove').click();
      await el.updateComplete;
      byText(el, 'Remove passkey').click();
      await waitUntil(() => focused(el) === parts(el, 'title')[0], 'focus is not on the heading');
      expect(parts(el, 'empty')[0].textContent).to.equal('You have no passkeys yet.');
    });
  });

  describe('renaming to an empty name', () => {
    it("says so in the form, in words, without the browser's bubble, and keeps what was typed", async () => {
      const { el, api } = await render();
      byText(el, 'Rename').click();
      await el.updateComplete;
      const form = el.shadowRoot!.querySelector<HTMLFormElement>('[part~="rename-form"]')!;
      const input = form.querySelector('input')!;
      expect(form.noValidate, 'no browser bubble').to.equal(true);
      input.value = '   ';
      form.requestSubmit();
      await el.updateComplete;
      const message = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!;
      expect(message.textContent).to.equal('Enter a name for the passkey.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.value).to.equal('   ');
      expect(focused(el)).to.equal(input);
      expect(api.calls.some((c) => c.startsWith('rename'))).to.equal(false);
      await expect(el).to.be.accessible();

      input.value = 'Work laptop';
      form.requestSubmit();
      await waitUntil(() => parts(el, 'name')[0].textContent === 'Work laptop');
      expect(parts(el, 'field-error')).to.have.length(0);
    });

    it('in German', async () => {
      const el = await fixture<CiamPasskey>(html`<ciam-passkey locale="de" .client=${scripted('signedIn')} .api=${new ScriptedPasskeyApi()}></ciam-passkey>`);
      await waitUntil(() => parts(el, 'item').length > 0 && byText(el, 'Umbenennen'));
      byText(el, 'Umbenennen').click();
      await el.updateComplete;
      const form = el.shadowRoot!.querySelector<HTMLFormElement>('[part~="rename-form"]')!;
      form.querySelector('input')!.value = '';
      form.requestSubmit();
      await el.updateComplete;
      expect(parts(el, 'field-error')[0].textContent).to.equal('Geben Sie einen Namen für den Passkey ein.');
    });
  });

  it('treats a closed browser prompt as a change of mind: no error, no new passkey', async () => {
    const { el, api, client } = await render(new ScriptedPasskeyApi(passkeys(1)));
    const ceremony = (client.ceremony = scriptedCeremony('cancelled'));
    const outcomes: unknown[] = [];
    el.addEventListener('ciam-journey', (e) => e.detail.type === 'outcome' && outcomes.push(e.detail.outcome));
    byText(el, 'Add a passkey').click();
    await waitUntil(() => ceremony.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve)); // the answer's promise chain settles
    await el.updateComplete;
    expect(outcomes).to.deep.equal(['cancelled']);
    expect(byText(el, 'Add a passkey').disabled).to.equal(false);
    expect(parts(el, 'error')).to.have.length(0);
    expect(parts(el, 'item')).to.have.length(1);
    expect(parts(el, 'status')[0].textContent).to.equal('');
    expect(api.calls).to.not.include('register');
  });

  it('shows a failed ceremony and moves focus to it', async () => {
    const { el, client } = await render();
    client.ceremony = scriptedCeremony('passkey_exists');
    byText(el, 'Add a passkey').click();
    await waitUntil(() => parts(el, 'error').length === 1);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(parts(el, 'error')[0]);
  });

  describe('with other elements of the same account on the page', () => {
    beforeEach(() => localStorage.removeItem(`ciam.passkey-offer.${user().sub}`));
    afterEach(() => localStorage.removeItem(`ciam.passkey-offer.${user().sub}`));

    it('lists the passkey the offer in <ciam-login> created', async () => {
      const client = scripted('signedIn');
      client.passkeyApi = new ScriptedPasskeyApi([]);
      const page = await fixture<HTMLElement>(html`<div>
        <ciam-login .client=${client} passkeys-endpoint="/api/passkeys"></ciam-login>
        <ciam-passkey .client=${client} endpoint="/api/passkeys"></ciam-passkey>
      </div>`);
      const login = page.querySelector<CiamLogin>('ciam-login')!;
      const list = page.querySelector<CiamPasskey>('ciam-passkey')!;
      await loaded(list);
      expect(parts(list, 'empty')[0].textContent).to.equal('You have no passkeys yet.');

      client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: false });
      await waitUntil(() => [...login.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Create a passkey'), 'the offer did not show');
      [...login.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Create a passkey')!.click();
      await waitUntil(() => login.textContent.includes('Passkey created.'), 'the offer did not create the passkey');

      await waitUntil(() => parts(list, 'item').length === 1, '<ciam-passkey> did not learn of the new passkey');
      expect(parts(list, 'name')[0].textContent).to.equal(thisDevice());
      expect(parts(list, 'empty')).to.have.length(0);
      // The list was asked for once by <ciam-passkey> and once by the offer (for a unique name), and not again.
      const calls = (client.passkeyApi as ScriptedPasskeyApi).calls;
      expect(calls.filter((c) => c !== 'list')).to.deep.equal(['options', `register ${thisDevice()}`]);
      expect(calls.filter((c) => c === 'list')).to.have.length(2);
    });

    it('keeps two lists in step: a rename in one shows in the other', async () => {
      const client = scripted('signedIn');
      const page = await fixture<HTMLElement>(html`<div>
        <ciam-passkey .client=${client} endpoint="/api/passkeys"></ciam-passkey>
        <ciam-passkey .client=${client} endpoint="/api/passkeys/"></ciam-passkey>
      </div>`);
      const [first, second] = [...page.querySelectorAll<CiamPasskey>('ciam-passkey')];
      await loaded(first);
      await loaded(second);
      byText(first, 'Rename').click();
      await first.updateComplete;
      const input = first.shadowRoot!.querySelector<HTMLInputElement>('[part~="rename-form"] input')!;
      input.value = 'Work laptop';
      input.form!.requestSubmit();
      await waitUntil(() => parts(second, 'name')[0].textContent === 'Work laptop', 'the other list did not follow');
      expect(parts(second, 'status')[0].textContent, 'only the element that asked says so').to.equal('');
    });
  });

  describe('its look', () => {
    /** A page as the visual suite draws it: a 16 px gutter. */
    const onPage = async (width: number, locale = 'en') => {
      await setViewport({ width, height: 844 });
      document.body.style.margin = '0';
      document.body.style.padding = '16px';
      const page = await fixture<HTMLElement>(
        html`<div lang=${locale} dir=${locale === 'ar' ? 'rtl' : 'ltr'}><ciam-passkey .client=${scripted('signedIn')} .api=${new ScriptedPasskeyApi()}></ciam-passkey></div>`,
      );
      const el = page.querySelector<CiamPasskey>('ciam-passkey')!;
      await loaded(el);
      const title = locale === 'ar' ? ar['passkey.title'] : 'Passkeys';
      await waitUntil(() => parts(el, 'title')[0].textContent === title && (locale !== 'de' || byText(el, 'Umbenennen')), 'its catalog');
      return el;
    };
    afterEach(async () => {
      document.body.style.margin = '';
      document.body.style.padding = '';
      await setViewport({ width: 800, height: 600 });
    });

    it('in Arabic, keeps each date and name in its own direction: every piece of the meta line and every date isolated (bdi)', async () => {
      const el = await onPage(1280, 'ar');
      const date = (iso: string) => new Intl.DateTimeFormat('ar', { dateStyle: 'medium' }).format(new Date(iso));
      const [macbook] = passkeys();
      const pieces = [...parts(el, 'meta')[0].children].filter((c) => c.localName === 'bdi');
      expect(pieces.map((p) => p.textContent)).to.deep.equal([
        ar['passkey.synced'],
        ar['passkey.created'].replace('{date}', date(macbook.created_at)),
        ar['passkey.lastUsed'].replace('{date}', date(macbook.last_used_at!)),
      ]);
      const dates = pieces.slice(1).map((p) => p.querySelector('bdi'));
      expect(dates.map((d) => d?.textContent)).to.deep.equal([date(macbook.created_at), date(macbook.last_used_at!)]);
      // Isolated, a date is drawn as one unbroken box right after its label, not scattered over the line.
      for (const d of dates) {
        const boxes = [...d!.getClientRects()].sort((a, b) => a.left - b.left);
        const gaps = boxes.slice(1).map((box, i) => Math.abs(box.left - boxes[i].right) + Math.abs(box.top - boxes[i].top));
        expect(Math.max(0, ...gaps), `${d!.textContent} in one piece`).to.be.below(0.5);
      }
      expect(parts(el, 'name')[0].querySelector('bdi')!.textContent).to.equal('MacBook Touch ID');

      byText(el, ar['passkey.remove']).click();
      await el.updateComplete;
      expect(parts(el, 'confirm')[0].querySelector('p bdi')!.textContent, 'the name in the question').to.equal('MacBook Touch ID');
    });

    it('at 390 px in German, each row has "Umbenennen" and "Entfernen" side by side on one line, alike in every row', async () => {
      const el = await onPage(390, 'de');
      const rows = parts(el, 'item').map((item) =>
        [...item.querySelectorAll<HTMLElement>('[part~="item-actions"] button')].map((b) => ({ box: b.getBoundingClientRect() })),
      );
      expect(rows).to.have.length(2);
      for (const [rename, remove] of rows) {
        expect(remove.box.top, 'on the same line').to.be.closeTo(rename.box.top, 0.5);
        expect(rename.box.height, 'one line of text each').to.be.below(50);
        expect(remove.box.height).to.be.closeTo(rename.box.height, 0.5);
      }
      const widths = rows.map(([rename, remove]) => [Math.round(rename.box.width), Math.round(remove.box.width)]);
      expect(widths[1], 'every row alike').to.deep.equal(widths[0]);
      // Nothing leaves its row at 320 px: the buttons then take a line each, in every row alike.
      await setViewport({ width: 320, height: 640 });
      await el.updateComplete;
      for (const item of parts(el, 'item')) {
        for (const b of item.querySelectorAll('button')) expect(b.getBoundingClientRect().right).to.be.at.most(item.getBoundingClientRect().right + 0.5);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    });

    it("is <ciam-login>'s card: the same padding (halved at the sides on a phone) and the same title", async () => {
      for (const width of [1280, 390]) {
        const el = await onPage(width);
        const login = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')}></ciam-login>`);
        const look = (root: ShadowRoot) => {
          const card = getComputedStyle(root.querySelector('[part~="card"]')!);
          const title = getComputedStyle(root.querySelector('[part~="title"]')!);
          return {
            padding: [card.paddingBlockStart, card.paddingInlineStart, card.paddingInlineEnd],
            shadow: card.boxShadow,
            title: [title.fontSize, title.fontWeight, title.lineHeight],
          };
        };
        expect(look(el.shadowRoot!), `at ${width} px`).to.deep.equal(look(login.shadowRoot!));
        expect(look(el.shadowRoot!).padding[1], `at ${width} px`).to.equal(width === 390 ? '16px' : '32px');
      }
    });
  });
});

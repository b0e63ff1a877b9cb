import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/org-switcher/ciam-org-switcher.js';
import type { CiamOrgSwitcher } from '../src/elements/org-switcher/org-switcher.js';
import { beta, ScriptedOrganizationsApi } from '../test/fixtures/organizations-api.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
  /** What the user has done by the time the story shows: opened the menu, picked Beta (which the OP refuses, or takes forever). */
  scene: 'none' | 'open' | 'switching' | 'refused';
  /** The page was opened with an invitation link. */
  invited: boolean;
  /** The OP's answer to the invitation instead of its offer: expired or used, or no answer. */
  invitationFails: '' | 'invalid_invitation' | 'network';
}

function storyClient(step: Step, scene: Args['scene']) {
  const client = scripted(step);
  if (scene === 'switching') client.switchWait = new Promise(() => undefined);
  if (scene === 'refused') client.switchFailure = { code: 'not_a_member' };
  return client;
}

function storyApi(invitationFails: Args['invitationFails']) {
  const api = new ScriptedOrganizationsApi();
  if (invitationFails) api.acceptFailure = { code: invitationFails };
  return api;
}

/** Plays the scene with the trigger and the items, as a user would. */
async function play(el: CiamOrgSwitcher | undefined, scene: Args['scene']) {
  if (!el || scene === 'none') return;
  await Promise.resolve(); // `ref` runs before the template is on the page: connected, the element starts loading its view
  await el.updateComplete;
  const find = (selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
  find('[part~="trigger"]')?.click();
  await el.updateComplete;
  if (scene === 'open') return;
  const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
  items.find((item) => item.textContent?.includes(beta.name))?.click();
}

const meta = {
  title: 'Elements/Org switcher',
  component: 'ciam-org-switcher',
  args: { step: 'signedInAcme', scene: 'none', invited: false, invitationFails: '', ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ step, scene, invited, invitationFails, locale, theme }) => {
    // The link's token as the invitation's page keeps it (a real link's is taken off the address).
    if (invited) sessionStorage.setItem('ciam.invite', 'story-invitation');
    else sessionStorage.removeItem('ciam.invite');
    return html`<ciam-org-switcher
      .client=${storyClient(step, scene)}
      .api=${storyApi(invitationFails)}
      locale=${locale}
      theme=${theme || nothing}
      ${ref((el) => void play(el as CiamOrgSwitcher | undefined, scene))}
    ></ciam-org-switcher>`;
  },
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** Signed in to Acme as its admin. */
export const InAcme: Story = {};
/** A personal sign-in: in no organization yet. */
export const Personal: Story = { args: { step: 'signedInPersonal' } };
/** The menu: Personal, Acme (checked) and Beta, each with the user's role there. */
export const MenuOpen: Story = { args: { scene: 'open' } };
export const Switching: Story = { args: { scene: 'switching' } };
/** Beta refused the switch (the user was removed since the list was read). */
export const Refused: Story = { args: { scene: 'refused' } };
/** Opened from an invitation link, not signed in yet. */
export const InvitationSignedOut: Story = { args: { step: 'signedOut', invited: true } };
/** Signed in with an invitation link: who invited whom to what, as which role; Join or Not now. */
export const Invitation: Story = { args: { step: 'signedInPersonal', invited: true } };
/** The invitation expired, was used or is for another address: says so, and forgets it. */
export const InvitationExpired: Story = { args: { step: 'signedInPersonal', invited: true, invitationFails: 'invalid_invitation' } };
/** The OP did not answer: the invitation is kept, with "Try again". */
export const InvitationOffline: Story = { args: { step: 'signedInPersonal', invited: true, invitationFails: 'network' } };
/** The open menu, right to left; on a left-to-right page (its own `locale`) it opens from the other edge, so it stays on screen. */
export const Arabic: Story = { args: { scene: 'open', locale: 'ar' } };
/** The invitation, right to left. */
export const ArabicInvitation: Story = { args: { step: 'signedInPersonal', invited: true, locale: 'ar' } };
export const Dark: Story = { args: { scene: 'open', theme: 'dark' } };

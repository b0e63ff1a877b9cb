import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/profile/ciam-profile.js';
import type { CiamProfile } from '../src/elements/profile/profile.js';
import { demoPolicy, ScriptedProfileStore } from '../test/fixtures/profile-store.js';
import { scripted } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  /** The action the page asks before (`profile.ask(action)`). */
  action: string;
}

const meta = {
  title: 'Elements/Profile',
  component: 'ciam-profile',
  args: { action: 'payout', ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ action, locale, theme }) =>
    html`<ciam-profile
      .client=${scripted('signedIn')}
      .store=${new ScriptedProfileStore()}
      .policy=${demoPolicy}
      locale=${locale}
      theme=${theme || nothing}
      ${ref((el) => el && void (el as CiamProfile).ask(action))}
    ></ciam-profile>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** Before "Change payout details": one required question, with its purpose; Cancel instead of "Not now". */
export const BeforePayout: Story = {};
/** Before checkout: two optional questions, the country from a list named in the page's language. */
export const BeforeCheckout: Story = { args: { action: 'checkout' } };
export const BeforeCheckoutGerman: Story = { args: { action: 'checkout', locale: 'de' } };
export const Arabic: Story = { args: { action: 'checkout', locale: 'ar' } };
export const Dark: Story = { args: { action: 'checkout', theme: 'dark' } };

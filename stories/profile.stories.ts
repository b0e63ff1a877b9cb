import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/profile/ciam-profile.js';
import type { CiamProfile } from '../src/elements/profile/profile.js';
import { demoPolicy, ScriptedProfileStore } from '../test/fixtures/profile-store.js';
import { scripted } from '../test/fixtures/scripted-client.js';
import type { Meta, StoryObj } from './types.js';

interface Args {
  /** The action the page asks before (`profile.ask(action)`). */
  action: string;
  locale: string;
}

const meta = {
  title: 'Elements/Profile',
  component: 'ciam-profile',
  args: { action: 'payout', locale: '' },
  render: ({ action, locale }) =>
    html`<ciam-profile
      .client=${scripted('signedIn')}
      .store=${new ScriptedProfileStore()}
      .policy=${demoPolicy}
      locale=${locale}
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

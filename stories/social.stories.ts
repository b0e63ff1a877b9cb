import { html } from 'lit';
import '../src/elements/social/ciam-social.js';
import { scripted, steps, type Step } from '../test/fixtures/scripted-client.js';
import type { Meta, StoryObj } from './types.js';

interface Args {
  step: Step;
  providers: string;
  locale: string;
}

const meta = {
  title: 'Elements/Social',
  component: 'ciam-social',
  args: { step: 'signedOut', providers: 'google, github, microsoft, acme=Acme Corp SSO', locale: '' },
  argTypes: { step: { control: 'select', options: Object.keys(steps) } },
  render: ({ step, providers, locale }) => html`<ciam-social .client=${scripted(step)} providers=${providers} locale=${locale}></ciam-social>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** Buttons for a custom layout: social accounts and a company's SSO, each a sign-in at the OP with its hint. */
export const SignedOut: Story = {};
/** Before discovery has answered: the buttons already take the click. */
export const Loading: Story = { args: { step: 'loading' } };
/** Another sign-in is under way: every button waits. */
export const Redirecting: Story = { args: { step: 'redirecting' } };
export const German: Story = { args: { locale: 'de' } };

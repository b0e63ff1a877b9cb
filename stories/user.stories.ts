import { html } from 'lit';
import '../src/elements/user/ciam-user.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import type { Meta, StoryObj } from './types.js';

interface Args {
  step: Step;
}

const meta = {
  title: 'Elements/User',
  component: 'ciam-user',
  args: { step: 'signedIn' },
  render: ({ step }) => html`<ciam-user .client=${scripted(step)}></ciam-user>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
export const SignedIn: Story = { args: { step: 'signedIn' } };
export const WithPicture: Story = { args: { step: 'signedInWithPicture' } };
export const SignedOut: Story = { args: { step: 'signedOut' } };

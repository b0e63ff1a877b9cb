import { html } from 'lit';
import '../src/elements/user/ciam-user.js';
import { scripted, steps, user, type Step } from '../test/fixtures/scripted-client.js';
import type { Meta, StoryObj } from './types.js';

interface Args {
  step: Step;
  /** A name and email far longer than the row: they end in an ellipsis, the button stays. */
  long: boolean;
  /** The width it gets, as in a phone's header or a slim sidebar (below 18rem: the avatar button and its menu). */
  width: string;
}

function storyClient(step: Step, long: boolean) {
  const client = scripted(step);
  if (long && step === 'signedIn') {
    const profile = user({
      name: 'Maximiliane Wilhelmina von Hohenzollern-Sigmaringen',
      email: 'maximiliane.wilhelmina.hohenzollern.sigmaringen@examplemail.com',
    });
    client.set({ ...steps.signedIn(), user: profile } as ReturnType<typeof steps.signedIn>);
  }
  return client;
}

const meta = {
  title: 'Elements/User',
  component: 'ciam-user',
  args: { step: 'signedIn', long: false, width: '' },
  render: ({ step, long, width }) =>
    width
      ? // Never wider than the page (LongName's 24rem on a 390 px phone): a header's slot is not either.
        html`<div style="inline-size: ${width}; max-inline-size: 100%"><ciam-user .client=${storyClient(step, long)}></ciam-user></div>`
      : html`<ciam-user .client=${storyClient(step, long)}></ciam-user>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
export const SignedIn: Story = { args: { step: 'signedIn' } };
export const WithPicture: Story = { args: { step: 'signedInWithPicture' } };
export const SignedOut: Story = { args: { step: 'signedOut' } };
export const LongName: Story = { args: { long: true, width: '24rem' } };
export const Narrow: Story = { args: { long: true, width: '12rem' } };

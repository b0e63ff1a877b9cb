import { html } from 'lit';
import '../src/elements/passkey/ciam-passkey.js';
import { ScriptedPasskeyApi, passkeys } from '../test/fixtures/passkey-api.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import type { Meta, StoryObj } from './types.js';

interface Args {
  step: Step;
  count: number;
}

const meta = {
  title: 'Elements/Passkey',
  component: 'ciam-passkey',
  args: { step: 'signedIn', count: 2 },
  render: ({ step, count }) => html`<ciam-passkey .client=${scripted(step)} .api=${new ScriptedPasskeyApi(passkeys(count))}></ciam-passkey>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
export const TwoPasskeys: Story = { args: { count: 2 } };
export const NoPasskeys: Story = { args: { count: 0 } };
export const SignedOut: Story = { args: { step: 'signedOut' } };

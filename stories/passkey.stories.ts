import { html } from 'lit';
import '../src/elements/passkey/ciam-passkey.js';
import { ScriptedPasskeyApi, passkeys } from '../test/fixtures/passkey-api.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import type { Meta, StoryObj } from './types.js';

interface Args {
  step: Step;
  count: number;
  /** The page's own passkey API as the `api` property, instead of `endpoint`. */
  ownApi: boolean;
}

/** A scripted client whose `passkeys(endpoint)` answers from memory (client/passkeys-api.ts over a scripted API). */
function storyClient(step: Step, count: number) {
  const client = scripted(step);
  client.passkeyApi = new ScriptedPasskeyApi(passkeys(count));
  return client;
}

const meta = {
  title: 'Elements/Passkey',
  component: 'ciam-passkey',
  args: { step: 'signedIn', count: 2, ownApi: false },
  render: ({ step, count, ownApi }) =>
    ownApi
      ? html`<ciam-passkey .client=${scripted(step)} .api=${new ScriptedPasskeyApi(passkeys(count))}></ciam-passkey>`
      : html`<ciam-passkey endpoint="https://id.example.com/api/passkeys" .client=${storyClient(step, count)}></ciam-passkey>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
export const TwoPasskeys: Story = { args: { count: 2 } };
export const NoPasskeys: Story = { args: { count: 0 } };
export const SignedOut: Story = { args: { step: 'signedOut' } };
export const OwnApi: Story = { args: { ownApi: true, count: 1 } };

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/passkey/ciam-passkey.js';
import { ScriptedPasskeyApi, passkeys } from '../test/fixtures/passkey-api.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
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
  args: { step: 'signedIn', count: 2, ownApi: false, ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ step, count, ownApi, locale, theme }) =>
    ownApi
      ? html`<ciam-passkey .client=${scripted(step)} .api=${new ScriptedPasskeyApi(passkeys(count))} locale=${locale} theme=${theme || nothing}></ciam-passkey>`
      : html`<ciam-passkey
          endpoint="https://id.example.com/api/passkeys"
          .client=${storyClient(step, count)}
          locale=${locale}
          theme=${theme || nothing}
        ></ciam-passkey>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
export const TwoPasskeys: Story = { args: { count: 2 } };
export const NoPasskeys: Story = { args: { count: 0 } };
export const SignedOut: Story = { args: { step: 'signedOut' } };
export const OwnApi: Story = { args: { ownApi: true, count: 1 } };
export const Arabic: Story = { args: { locale: 'ar' } };
export const Dark: Story = { args: { theme: 'dark' } };

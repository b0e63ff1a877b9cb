import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/connections/ciam-connections.js';
import { ScriptedConnectionsApi, connections } from '../test/fixtures/connections-api.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
  count: number;
  /** The connections that are the account's last way to sign in. */
  lastWay: string[];
  /** The OP does not answer the list. */
  listFails: boolean;
}

const meta = {
  title: 'Elements/Connections',
  component: 'ciam-connections',
  args: { step: 'signedIn', count: 1, lastWay: [], listFails: false, ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ step, count, lastWay, listFails, locale, theme }) =>
    html`<ciam-connections
      .client=${scripted(step)}
      .api=${new ScriptedConnectionsApi(connections(count), lastWay, listFails ? { list: { code: 'network' } } : {})}
      locale=${locale}
      theme=${theme || nothing}
    ></ciam-connections>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** One social account linked; the company SSO can be connected. */
export const OneConnected: Story = {};
export const BothConnected: Story = { args: { count: 2 } };
export const NoneConnected: Story = { args: { count: 0 } };
/** A passwordless account that signs in only with Social ID: its row says so and cannot be disconnected. */
export const OnlyWayToSignIn: Story = { args: { lastWay: ['fi-1'] } };
export const SignedOut: Story = { args: { step: 'signedOut' } };
/** The list could not be read (network): says so, with nothing to connect meanwhile. */
export const ListFailed: Story = { args: { listFails: true } };
export const Arabic: Story = { args: { count: 2, locale: 'ar' } };
export const Dark: Story = { args: { count: 2, theme: 'dark' } };

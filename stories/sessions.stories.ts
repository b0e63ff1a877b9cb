import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/sessions/ciam-sessions.js';
import { deviceSessions, ScriptedSessionsApi } from '../test/fixtures/sessions-api.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
  /** Only this device. */
  alone: boolean;
}

const meta = {
  title: 'Elements/Sessions',
  component: 'ciam-sessions',
  args: { step: 'signedIn', alone: false, ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ step, alone, locale, theme }) =>
    html`<ciam-sessions
      .client=${scripted(step)}
      .api=${new ScriptedSessionsApi(alone ? deviceSessions().filter((s) => s.current) : deviceSessions())}
      locale=${locale}
      theme=${theme || nothing}
    ></ciam-sessions>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** This laptop, a phone (with the place the OP knows) and an old Windows PC. */
export const ThreeDevices: Story = {};
export const OnlyThisDevice: Story = { args: { alone: true } };
export const SignedOut: Story = { args: { step: 'signedOut' } };
export const Arabic: Story = { args: { locale: 'ar' } };
export const Dark: Story = { args: { theme: 'dark' } };

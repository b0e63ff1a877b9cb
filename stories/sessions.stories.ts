import { html } from 'lit';
import '../src/elements/sessions/ciam-sessions.js';
import { deviceSessions, ScriptedSessionsApi } from '../test/fixtures/sessions-api.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import type { Meta, StoryObj } from './types.js';

interface Args {
  step: Step;
  /** Only this device. */
  alone: boolean;
}

const meta = {
  title: 'Elements/Sessions',
  component: 'ciam-sessions',
  args: { step: 'signedIn', alone: false },
  render: ({ step, alone }) =>
    html`<ciam-sessions .client=${scripted(step)} .api=${new ScriptedSessionsApi(alone ? deviceSessions().filter((s) => s.current) : deviceSessions())}></ciam-sessions>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** This laptop, a phone (with the place the OP knows) and an old Windows PC. */
export const ThreeDevices: Story = {};
export const OnlyThisDevice: Story = { args: { alone: true } };
export const SignedOut: Story = { args: { step: 'signedOut' } };

import { html } from 'lit';
import '../src/elements/recovery/ciam-recovery.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import type { Meta, StoryObj } from './types.js';

interface Args {
  step: Step;
}

const meta = {
  title: 'Elements/Recovery',
  component: 'ciam-recovery',
  args: { step: 'embeddedIdentifier' },
  render: ({ step }) => html`<ciam-recovery .client=${scripted(step)}></ciam-recovery>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
export const Embedded: Story = { args: { step: 'embeddedIdentifier' } };
export const CodeSent: Story = { args: { step: 'embeddedRecoveryCode' } };
export const RateLimited: Story = { args: { step: 'embeddedRateLimited' } };

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/recovery/ciam-recovery.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
}

const meta = {
  title: 'Elements/Recovery',
  component: 'ciam-recovery',
  args: { step: 'embeddedIdentifier', ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ step, locale, theme }) => html`<ciam-recovery .client=${scripted(step)} locale=${locale} theme=${theme || nothing}></ciam-recovery>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
export const Embedded: Story = { args: { step: 'embeddedIdentifier' } };
export const CodeSent: Story = { args: { step: 'embeddedRecoveryCode' } };
export const RateLimited: Story = { args: { step: 'embeddedRateLimited' } };
/** Discovery under way: the email step's shape, as tall as the form that follows. */
export const Loading: Story = { args: { step: 'embeddedLoading' } };
/** The OP could not be reached: the reason, and "Try again". */
export const NetworkError: Story = { args: { step: 'networkError' } };
export const Arabic: Story = { args: { step: 'embeddedRecoveryCode', locale: 'ar' } };
export const Dark: Story = { args: { step: 'embeddedRecoveryCode', theme: 'dark' } };

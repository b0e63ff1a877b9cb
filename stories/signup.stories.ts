import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/signup/ciam-signup.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
}

const meta = {
  title: 'Elements/Signup',
  component: 'ciam-signup',
  args: { step: 'embeddedIdentifier', ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ step, locale, theme }) => html`<ciam-signup .client=${scripted(step)} locale=${locale} theme=${theme || nothing}></ciam-signup>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** Embedded: a fresh sign-up form (the flow has not started yet). */
export const Embedded: Story = { args: { step: 'embeddedIdentifier' } };
export const WeakPassword: Story = { args: { step: 'embeddedWeakPassword' } };
export const VerifyEmail: Story = { args: { step: 'embeddedVerifyEmail' } };
/** Redirect mode: "Create account" leads, to the OP's registration (prompt=create). */
export const Redirect: Story = { args: { step: 'signedOut' } };
/** Discovery under way: the form's shape, as tall as the form that follows. */
export const Loading: Story = { args: { step: 'embeddedLoading' } };
/** The OP could not be reached: the reason, and "Try again". */
export const NetworkError: Story = { args: { step: 'networkError' } };
export const Arabic: Story = { args: { step: 'embeddedWeakPassword', locale: 'ar' } };
export const Dark: Story = { args: { step: 'embeddedWeakPassword', theme: 'dark' } };

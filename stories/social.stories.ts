import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/social/ciam-social.js';
import { scripted, steps, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
  providers: string;
}

const meta = {
  title: 'Elements/Social',
  component: 'ciam-social',
  args: { step: 'signedOut', providers: 'google, github, microsoft, acme=Acme Corp SSO', ...pageArgs },
  argTypes: { step: { control: 'select', options: Object.keys(steps) }, ...pageArgTypes },
  render: ({ step, providers, locale, theme }) =>
    html`<ciam-social .client=${scripted(step)} providers=${providers} locale=${locale} theme=${theme || nothing}></ciam-social>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** Buttons for a custom layout: social accounts and a company's SSO, each a sign-in at the OP with its hint. */
export const SignedOut: Story = {};
/** Before discovery has answered: the buttons already take the click. */
export const Loading: Story = { args: { step: 'loading' } };
/** Another sign-in is under way: every button waits. */
export const Redirecting: Story = { args: { step: 'redirecting' } };
export const German: Story = { args: { locale: 'de' } };
export const Arabic: Story = { args: { locale: 'ar' } };
export const Dark: Story = { args: { theme: 'dark' } };

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/user/ciam-user.js';
import { scripted, steps, user, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
  /** A name and email far longer than the row: they end in an ellipsis, the button stays. */
  long: boolean;
  /** The width it gets, as in a phone's header or a slim sidebar (below 18rem: the avatar button and its menu). */
  width: string;
}

function storyClient(step: Step, long: boolean) {
  const client = scripted(step);
  if (long && step === 'signedIn') {
    const profile = user({
      name: 'Maximiliane Wilhelmina von Hohenzollern-Sigmaringen',
      email: 'maximiliane.wilhelmina.hohenzollern.sigmaringen@examplemail.com',
    });
    client.set({ ...steps.signedIn(), user: profile } as ReturnType<typeof steps.signedIn>);
  }
  return client;
}

const meta = {
  title: 'Elements/User',
  component: 'ciam-user',
  args: { step: 'signedIn', long: false, width: '', ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ step, long, width, locale, theme }) => {
    const element = html`<ciam-user .client=${storyClient(step, long)} locale=${locale} theme=${theme || nothing}></ciam-user>`;
    // Never wider than the page (LongName's 24rem on a 390 px phone): a header's slot is not either.
    const sized = width ? html`<div style="inline-size: ${width}; max-inline-size: 100%">${element}</div>` : element;
    // It has no background of its own (it sits in the app's header): a fixed theme comes with a header in that scheme.
    return theme ? html`<div style="color-scheme: ${theme}; background: Canvas; padding: 0.5rem">${sized}</div>` : sized;
  },
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
export const SignedIn: Story = { args: { step: 'signedIn' } };
export const WithPicture: Story = { args: { step: 'signedInWithPicture' } };
export const SignedOut: Story = { args: { step: 'signedOut' } };
export const LongName: Story = { args: { long: true, width: '24rem' } };
export const Narrow: Story = { args: { long: true, width: '12rem' } };
/** A guest session (`startGuest()`): no name or email, so "Guest". */
export const Guest: Story = { args: { step: 'guest' } };
export const Arabic: Story = { args: { locale: 'ar' } };
export const Dark: Story = { args: { theme: 'dark' } };

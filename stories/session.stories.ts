import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/session/ciam-session.js';
import { scripted, user } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  idleTimeout: string;
  maxAge: string;
  warnBefore: string;
  /** How long ago the user authenticated (auth_time), in minutes. */
  signedInMinutesAgo: number;
}

/** A signed-in client whose user authenticated `minutes` ago. */
function signedInSince(minutes: number) {
  const client = scripted('signedIn');
  if (client.state.name === 'signed-in') {
    client.state = { ...client.state, user: user({ auth_time: Math.floor(Date.now() / 1000) - minutes * 60 }) };
  }
  return client;
}

const meta = {
  title: 'Elements/Session',
  component: 'ciam-session',
  args: { idleTimeout: '2m', maxAge: '', warnBefore: '2m', signedInMinutesAgo: 5, ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ idleTimeout, maxAge, warnBefore, signedInMinutesAgo, locale, theme }) =>
    html`<ciam-session
      .client=${signedInSince(signedInMinutesAgo)}
      idle-timeout=${idleTimeout}
      max-age=${maxAge}
      warn-before=${warnBefore}
      locale=${locale}
      theme=${theme || nothing}
    ></ciam-session>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** Two minutes without activity left: "Are you still there?", focus on "Stay signed in". */
export const IdleWarning: Story = {};
/** The session's age limit is near: only signing in again keeps it. */
export const MaxAgeWarning: Story = { args: { idleTimeout: '', maxAge: '1h', signedInMinutesAgo: 59 } };
export const Arabic: Story = { args: { locale: 'ar' } };
export const Dark: Story = { args: { theme: 'dark' } };

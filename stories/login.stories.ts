import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/login/ciam-login.js';
import { scripted, steps, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
  /** Upstream IdPs, as the `social` attribute takes them. */
  social?: string;
}

const meta = {
  title: 'Elements/Login',
  component: 'ciam-login',
  args: { step: 'signedOut', ...pageArgs },
  argTypes: { step: { control: 'select', options: Object.keys(steps) }, ...pageArgTypes },
  render: ({ step, locale, theme, social }) =>
    html`<ciam-login .client=${scripted(step)} locale=${locale} theme=${theme || nothing} social=${social ?? ''}>${social?.includes('acme') ? acmeMark : ''}</ciam-login>`,
} satisfies Meta<Args>;
export default meta;

/** An app's own mark for a provider, slotted into its button (a made-up company's logo). */
const acmeMark = html`<svg slot="social-acme" viewBox="0 0 20 20" aria-hidden="true">
  <path d="M10 2 18 18H2Z" fill="currentColor" />
  <path d="M10 9 13.5 16h-7Z" fill="var(--ciam-color-surface, #fff)" />
</svg>`;
const providers = 'google, github, acme=Acme Corp SSO';

type Story = StoryObj<Args>;
export const SignedOut: Story = { args: { step: 'signedOut' } };
export const WithoutSignUp: Story = { args: { step: 'signedOutNoSignUp' } };
export const Loading: Story = { args: { step: 'loading' } };
/** Embedded mode while discovery runs: the email step's shape, as tall as the form that follows. */
export const EmbeddedLoading: Story = { args: { step: 'embeddedLoading' } };
export const Redirecting: Story = { args: { step: 'redirecting' } };
export const PopupOpen: Story = { args: { step: 'popupOpen' } };
export const Completing: Story = { args: { step: 'completing' } };
export const SessionExpired: Story = { args: { step: 'sessionExpired' } };
export const NetworkError: Story = { args: { step: 'networkError' } };
export const RateLimited: Story = { args: { step: 'rateLimited' } };
export const BadResponse: Story = { args: { step: 'badResponse' } };
export const AccessDenied: Story = { args: { step: 'accessDenied' } };
export const SignedIn: Story = { args: { step: 'signedIn' } };
/** Upstream IdPs through the OP: social accounts and a company's SSO, above the OP's own sign-in. */
export const Social: Story = { args: { step: 'signedOut', social: providers } };
export const SocialGerman: Story = { args: { step: 'signedOut', social: providers, locale: 'de' } };
export const German: Story = { args: { step: 'signedOut', locale: 'de' } };
export const Arabic: Story = { args: { step: 'networkError', locale: 'ar' } };
/** Pinned dark (`theme="dark"`) whatever the system's colour scheme, on the email step. */
export const Dark: Story = { args: { step: 'embeddedIdentifier', theme: 'dark' } };
/** Discovery under way with no `mode` and a same-site OP: a form is likely, so its shape shows. */
export const AutoLoading: Story = { args: { step: 'autoLoading' } };
/** A guest session (`startGuest()`): what a guest can do, and signing in or creating an account keeps what they saved. */
export const Guest: Story = { args: { step: 'guest' } };

// Embedded mode (OAuth 2.0 for First-Party Apps): the forms live in the element's light DOM.
export const EmbeddedIdentifier: Story = { args: { step: 'embeddedIdentifier' } };
/** The providers above the email step; later steps show only the form. */
export const EmbeddedSocial: Story = { args: { step: 'embeddedIdentifier', social: providers } };
export const EmbeddedPassword: Story = { args: { step: 'embeddedPassword' } };
export const EmbeddedWrongPassword: Story = { args: { step: 'embeddedWrongPassword' } };
export const EmbeddedPending: Story = { args: { step: 'embeddedPending' } };
export const EmbeddedEmailCode: Story = { args: { step: 'embeddedEmailCode' } };
/** A guest signed in to an existing account: what the guest saved may move into it (`guest-data`). */
export const GuestMerge: Story = { args: { step: 'guestMerge' } };
/** A sign-in link went out: the page waits for it to be opened, here or on another device. */
export const EmbeddedEmailLink: Story = { args: { step: 'embeddedEmailLink' } };
export const EmbeddedRateLimited: Story = { args: { step: 'embeddedRateLimited' } };
/** A long lockout: minutes and seconds, and the other ways to sign in meanwhile. */
export const EmbeddedLocked: Story = { args: { step: 'embeddedLocked' } };
export const EmbeddedLockedGerman: Story = { args: { step: 'embeddedLocked', locale: 'de' } };
export const EmbeddedSignUp: Story = { args: { step: 'embeddedSignUp' } };
export const EmbeddedWeakPassword: Story = { args: { step: 'embeddedWeakPassword' } };
export const EmbeddedVerifyEmail: Story = { args: { step: 'embeddedVerifyEmail' } };
export const EmbeddedRecover: Story = { args: { step: 'embeddedRecover' } };
export const EmbeddedRecoveryCode: Story = { args: { step: 'embeddedRecoveryCode' } };
/** Step-up (RFC 9470): signed in, asked to confirm it is still the user. */
export const StepUp: Story = { args: { step: 'stepUpPassword' } };
/** Passkey: waiting for the browser's prompt, and after it timed out. */
export const PasskeyPrompt: Story = { args: { step: 'embeddedPasskeyPrompt' } };
export const PasskeyTimedOut: Story = { args: { step: 'embeddedPasskeyFailed' } };

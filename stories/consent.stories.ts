import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/consent/ciam-consent.js';
import { purposes, ScriptedConsentsApi } from '../test/fixtures/consents-api.js';
import { scripted, type Step } from '../test/fixtures/scripted-client.js';
import { pageArgs, pageArgTypes, type PageArgs } from './page.js';

interface Args extends PageArgs {
  step: Step;
  /** The terms' current version; the user agreed to 2026-11 (and the privacy policy, and marketing). */
  terms: string;
  agreed: boolean;
  /** The OP's request for access (mode="hosted"): the scopes an app asks for; unset for the account card. */
  request?: string;
}

const meta = {
  title: 'Elements/Consent',
  component: 'ciam-consent',
  args: { step: 'signedIn', terms: '2026-11', agreed: true, ...pageArgs },
  argTypes: pageArgTypes,
  render: ({ step, terms, agreed, request, locale, theme }) =>
    request
      ? html`<ciam-consent
          mode="hosted"
          endpoint="/interaction/story/consent"
          client-name="Demo Shop"
          scopes=${request}
          account="ada@example.com"
          locale=${locale}
          theme=${theme || nothing}
        ></ciam-consent>`
      : html`<ciam-consent
      .client=${scripted(step)}
      locale=${locale}
      theme=${theme || nothing}
      .api=${new ScriptedConsentsApi(
        purposes(terms),
        agreed ? [{ purpose: 'terms', version: '2026-11' }, { purpose: 'privacy', version: '2026-11' }, { purpose: 'marketing' }] : [],
      )}
    ></ciam-consent>`,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;
/** Agreed to both documents and to product news; each decision with its receipt. */
export const Agreed: Story = {};
/** A new version of the terms: "Before you continue", what changed, and what was agreed before. */
export const NewTermsVersion: Story = { args: { terms: '2026-12' } };
/** Nothing decided yet. */
export const Undecided: Story = { args: { agreed: false } };
export const SignedOut: Story = { args: { step: 'signedOut' } };
/** The OP's page asking for access: who you are (required), the rest each a checkbox, Allow or Deny. */
export const HostedRequest: Story = { args: { request: 'openid profile email phone address' } };
/** A request with a scope the element has no words for: shown by its name. */
export const HostedCustomScope: Story = { args: { request: 'openid email orders:read' } };
export const Arabic: Story = { args: { terms: '2026-12', locale: 'ar' } };
export const Dark: Story = { args: { terms: '2026-12', theme: 'dark' } };

import { interactionPolicy } from 'oidc-provider';
import type { Policy } from 'oidc-provider';

const { Check, Prompt, base } = interactionPolicy;

/**
 * The default login + consent policy, preceded by a `create` prompt
 * (OpenID Connect "Initiating User Registration via OpenID Connect 1.0").
 *
 * node-oidc-provider has no built-in `create`, but any prompt added to the
 * policy with `requestable: true` becomes an accepted `prompt` parameter value.
 * It runs first so that prompt=create shows registration even when someone is
 * already signed in, as the spec asks.
 */
export function buildPolicy(): Policy {
  const policy = base();

  const create = new Prompt(
    { name: 'create', requestable: true },
    // Shown to the registration page so it can prefill the email field.
    (ctx) => {
      const hint = ctx.oidc.params?.login_hint;
      return typeof hint === 'string' ? { login_hint: hint } : {};
    },
  );
  // A requestable prompt gets a generic "<name>_prompt" check that is resolved
  // by any result key named like the prompt. We state the rule explicitly
  // instead: ask while prompt=create was requested and this authorization
  // request has not registered (or knowingly signed in) someone yet.
  create.checks.clear();
  create.checks.add(
    new Check('create_prompt', 'account registration was requested', (ctx) => {
      const { prompts, result } = ctx.oidc;
      return prompts.has('create') && result?.create === undefined ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
    }),
  );

  policy.add(create, 0);
  return policy;
}

/** Discovery does not emit prompt_values_supported itself; derive it from the policy. */
export function promptValuesSupported(policy: Policy): string[] {
  return ['none', ...policy.filter((p) => p.requestable).map((p) => p.name)];
}

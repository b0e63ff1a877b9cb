/**
 * Registers a tag unless it already is (two bundles on one page must not throw).
 * Called only from entry modules (`src/index.ts`, `src/react.ts`, `ciam-*.ts`): package.json
 * `sideEffects` names those files, so bundlers keep the calls while the shared chunks stay pure.
 * Without a registry (a server import with no DOM shim) there is nothing to register.
 */
export function define(tag: string, element: CustomElementConstructor) {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(tag)) customElements.define(tag, element);
}

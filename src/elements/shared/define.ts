/** Registers a tag unless it already is (two bundles on one page must not throw). */
export function define(tag: string, element: CustomElementConstructor) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

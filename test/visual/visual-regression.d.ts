// The package's index.d.ts re-exports './browser/commands.mjs', whose types (commands.d.ts) TypeScript does not find under an .mjs name.
declare module '@web/test-runner-visual-regression' {
  export function visualDiff(element: Node, name: string): Promise<void>;
}

// The analyzer's CLI entry has no types of its own; this is the call scripts/manifest.ts makes.
declare module '@custom-elements-manifest/analyzer/cli.js' {
  export function cli(options: { argv: string[]; cwd: string; noWrite: boolean }): Promise<unknown>;
}

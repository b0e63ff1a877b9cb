// custom-elements.json for editors, Storybook and docs: read from the JSDoc tags on each element.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.test.ts', 'src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
};

// custom-elements.json for editors, Storybook and docs: read from the JSDoc tags on each element.
export default {
  globs: ['src/elements/**/*.ts'],
  // define.ts registers whatever tag it is given: read literally, it would list an element named `tag`.
  exclude: ['src/elements/**/*.test.ts', 'src/elements/**/*.styles.ts', 'src/elements/shared/define.ts'],
  outdir: '.',
  litelement: true,
};

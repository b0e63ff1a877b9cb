// custom-elements.json for editors, Storybook, docs and the React wrappers' events: read from the JSDoc tags on
// each element. test/manifest/ checks it against the source; scripts/editor-data.ts turns it into editor data.
export default {
  globs: ['src/elements/**/*.ts'],
  // define.ts registers whatever tag it is given: read literally, it would list an element named `tag`.
  exclude: ['src/elements/**/*.test.ts', 'src/elements/**/*.styles.ts', 'src/elements/shared/define.ts'],
  outdir: '.',
  // package.json names the manifest already; the analyzer would rewrite it for any other outdir (the tests' runs).
  packagejson: false,
  litelement: true,
  plugins: [attributeDocs()],
};

/**
 * Each attribute is documented once, by `@attr` in the class's JSDoc; its property takes that description (the lit
 * plugin gives a property only its own comment). An `@attr {'a' | 'b'} name` type names the values an attribute
 * takes where the property is a plain string (or an alias the analyzer cannot see into): the lit plugin would
 * otherwise replace it with the property's declared type.
 */
function attributeDocs() {
  const typed = new Map(); // class name -> attribute name -> type text from its @attr
  return {
    name: 'ciam-attribute-docs',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const types = new Map();
      for (const doc of node.jsDoc ?? []) {
        for (const [, type, name] of doc.getFullText().matchAll(/@attr(?:ibute)?\s+\{([^}]+)\}\s+([\w-]+)/g)) types.set(name, type.trim());
      }
      typed.set(node.name.getText(), types);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        if (declaration.kind !== 'class') continue;
        for (const attribute of declaration.attributes ?? []) {
          const type = typed.get(declaration.name)?.get(attribute.name) ?? typed.get(attribute.inheritedFrom?.name)?.get(attribute.name);
          if (type) attribute.type = { text: type };
        }
        for (const member of declaration.members ?? []) {
          const attribute = declaration.attributes?.find((a) => a.fieldName === member.name);
          if (member.kind === 'field' && attribute?.description && !member.description) member.description = attribute.description;
        }
      }
    },
  };
}

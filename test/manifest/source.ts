/**
 * What the elements really have, read from their source with the TypeScript compiler (not from the manifest):
 * tags, public reactive properties, the events each element fires, the parts and slots of its templates and the
 * `--ciam-*` custom properties its stylesheets read. manifest-check.ts compares custom-elements.json with this.
 *
 * An element's templates and stylesheets are those of the files it reaches by value imports (static and
 * dynamic) inside src/elements: its lazily loaded views and the shared template functions it calls count.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const root = join(import.meta.dirname, '../..');

export interface SourceProperty {
  name: string;
  /** The attribute, or null for a property-only one (`attribute: false`). */
  attribute: string | null;
  reflect: boolean;
  /** The string values its type allows, when its type is a union of string literals. */
  values: string[] | null;
  declaredIn: string;
}

export interface SourceElement {
  tag: string;
  className: string;
  file: string;
  properties: SourceProperty[];
  /** Other public members a page may use (methods, getters, plain fields), by name. */
  publicMembers: string[];
  events: string[];
  /** Part and slot names; a name built at run time has `*` for the built piece (`social-*`). The default slot is ''. */
  parts: string[];
  slots: string[];
  cssProperties: string[];
  /** Problems found while reading (a template value the reader cannot follow, public internal state). */
  problems: string[];
}

export interface Source {
  elements: SourceElement[];
  /** `ciam-signed-in` → `CiamSignedInEvent`, from CiamEventMap (shared/events.ts). */
  eventTypes: Map<string, string>;
  problems: string[];
}

/** The session controller fires these for the elements that construct it with `emitsSessionEvents: true` only. */
const SESSION_CONTROLLER = 'src/elements/shared/controllers/session.ts';

function elementFiles(): string[] {
  return (readdirSync(join(root, 'src/elements'), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => join(root, 'src/elements', file));
}

export function readSource(): Source {
  const files = [...elementFiles(), join(root, 'src/index.ts')];
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    experimentalDecorators: true,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  });
  const checker = program.getTypeChecker();
  const rel = (file: string) => relative(root, file);
  const problems: string[] = [];
  const inElements = (sf: ts.SourceFile | undefined): sf is ts.SourceFile =>
    !!sf && rel(sf.fileName).startsWith('src/elements/') && !sf.fileName.endsWith('.test.ts');

  /** The declaration an identifier or property name stands for, through imports and re-exports. */
  function declarationOf(node: ts.Node): ts.Declaration | undefined {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.declarations?.[0];
  }

  // ── Tags: define('ciam-…', Class) in the per-element entries and src/index.ts ──
  const tags = new Map<string, ts.ClassDeclaration>();
  const entries = files.filter((file) => /src\/elements\/[^/]+\/ciam-[^/]+\.ts$/.test(file) || file.endsWith('src/index.ts'));
  for (const file of entries) {
    visit(program.getSourceFile(file)!, (node) => {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'define' || node.arguments.length < 2) return;
      const [tag, element] = node.arguments;
      if (!ts.isStringLiteral(tag)) return void problems.push(`${rel(file)}: define() with a tag that is not a literal`);
      const declaration = declarationOf(element);
      if (!declaration || !ts.isClassDeclaration(declaration))
        return void problems.push(`${rel(file)}: ${tag.text} is defined with something that is not a class`);
      const known = tags.get(tag.text);
      if (known && known !== declaration) problems.push(`${tag.text} is defined as ${known.name?.text} and as ${declaration.name?.text}`);
      tags.set(tag.text, declaration);
    });
  }

  // ── Imports: the files an element reaches ──
  function imported(sf: ts.SourceFile): ts.SourceFile[] {
    const targets: string[] = [];
    visit(sf, (node) => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
        const bindings = node.importClause?.namedBindings;
        const allTypes =
          !node.importClause?.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
        if (!allTypes) targets.push((node.moduleSpecifier as ts.StringLiteral).text);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
        targets.push((node.moduleSpecifier as ts.StringLiteral).text);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) {
        targets.push(node.arguments[0].text);
      }
    });
    return targets
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => program.getSourceFile(resolve(dirname(sf.fileName), spec.replace(/\.js$/, '.ts'))))
      .filter(inElements);
  }
  function reach(start: ts.SourceFile[]): ts.SourceFile[] {
    const seen = new Set<ts.SourceFile>();
    const queue = [...start];
    for (let sf = queue.shift(); sf; sf = queue.shift()) {
      if (seen.has(sf)) continue;
      seen.add(sf);
      queue.push(...imported(sf));
    }
    return [...seen];
  }

  // ── Template values: what a part or slot name can be ──
  /** The strings an expression can give: literals, both arms of a condition, a parameter's arguments at its call sites. */
  function valuesOf(expr: ts.Expression, where: string): string[] | null {
    expr = skipParens(expr);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
    if (ts.isConditionalExpression(expr)) {
      const [a, b] = [valuesOf(expr.whenTrue, where), valuesOf(expr.whenFalse, where)];
      return a && b ? [...a, ...b] : null;
    }
    if (ts.isTemplateExpression(expr)) return [expr.head.text + expr.templateSpans.map((span) => `*${span.literal.text}`).join('')];
    if (ts.isIdentifier(expr)) {
      const declaration = declarationOf(expr);
      if (declaration && ts.isParameter(declaration)) return argumentsOf(declaration, where);
    }
    return null;
  }
  function argumentsOf(parameter: ts.ParameterDeclaration, where: string): string[] | null {
    const fn = parameter.parent;
    const index = fn.parameters.indexOf(parameter);
    const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : null;
    if (!name) return null;
    const values: string[] = [];
    let calls = 0;
    visit(fn.getSourceFile(), (node) => {
      if (!ts.isCallExpression(node)) return;
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : node.expression.getText();
      if (callee !== name || !node.arguments[index]) return;
      calls++;
      const found = valuesOf(node.arguments[index], where);
      if (found) values.push(...found);
      else problems.push(`${where}: cannot read an argument of ${name}()`);
    });
    return calls ? values : null;
  }

  /** Each attribute `name` of the html`` templates in `sf`, as the space-separated tokens its value can hold. */
  function templateAttributes(sf: ts.SourceFile, attribute: 'part' | 'slot-name'): string[] {
    const found: string[] = [];
    visit(sf, (node) => {
      if (!ts.isTaggedTemplateExpression(node) || !['html', 'svg'].includes(node.tag.getText())) return;
      const where = `${rel(sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const { text, expressions } = flatten(node.template);
      const pattern = attribute === 'part' ? /\spart=(?:"([^"]*)"|'([^']*)'|(\uE000\d+\uE000))/g : /<slot\b([^>]*)>/g;
      for (const match of text.matchAll(pattern)) {
        let value: string;
        if (attribute === 'part') value = match[1] ?? match[2] ?? match[3];
        else {
          const name = /\sname=(?:"([^"]*)"|'([^']*)'|(\uE000\d+\uE000))/.exec(match[1]);
          if (!name) {
            found.push(''); // the default slot
            continue;
          }
          value = name[1] ?? name[2] ?? name[3];
        }
        for (const token of value.split(/\s+/).filter(Boolean)) {
          const whole = /^\uE000(\d+)\uE000$/.exec(token);
          if (!whole) {
            found.push(token.replace(/\uE000\d+\uE000/g, '*'));
            continue;
          }
          const values = valuesOf(expressions[Number(whole[1])], where);
          if (values) found.push(...values.flatMap((v) => v.split(/\s+/)).filter(Boolean));
          else problems.push(`${where}: cannot read the ${attribute === 'part' ? 'part' : 'slot name'} ${expressions[Number(whole[1])].getText()}`);
        }
      }
    });
    return found;
  }

  // ── Events: this.emit('ciam-…'), ciamEvent('ciam-…'), new CustomEvent('ciam-…') ──
  function firedIn(sf: ts.SourceFile): string[] {
    const found: string[] = [];
    visit(sf, (node) => {
      const call = ts.isCallExpression(node) || ts.isNewExpression(node) ? node : null;
      if (!call) return;
      const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : call.expression.getText();
      const first = call.arguments?.[0];
      if (['emit', 'ciamEvent', 'CustomEvent', 'Event'].includes(callee) && first && ts.isStringLiteral(first) && first.text.startsWith('ciam-'))
        found.push(first.text);
    });
    return found;
  }

  // ── Stylesheets: var(--ciam-…) in every css`` an element's styles reach ──
  function cssPropertiesOf(start: ts.Node[]): CssRead[] {
    const found: CssRead[] = [];
    const seen = new Set<ts.Node>();
    const follow = (node: ts.Node) => {
      if (seen.has(node)) return;
      seen.add(node);
      visit(node, (child) => {
        if (ts.isTaggedTemplateExpression(child) && child.tag.getText() === 'css') {
          found.push(...cssReads(flatten(child.template).text));
        }
        if (!ts.isIdentifier(child)) return;
        const declaration = declarationOf(child);
        if (!declaration || !inElements(declaration.getSourceFile())) return;
        if (ts.isVariableDeclaration(declaration) && declaration.initializer) follow(declaration.initializer);
        else if (ts.isExportAssignment(declaration))
          follow(declaration.expression); // export default css`…`
        else if (ts.isFunctionDeclaration(declaration) && declaration.body) follow(declaration.body);
        else if (ts.isBindingElement(declaration)) {
          // const { watchStyles } = await import('./session-watch.js'): that module's export
          const name = (declaration.propertyName ?? declaration.name).getText();
          const owner = checker.getTypeAtLocation(declaration.parent.parent);
          const target = checker.getPropertyOfType(owner, name)?.declarations?.[0];
          if (target && ts.isVariableDeclaration(target) && target.initializer && inElements(target.getSourceFile())) follow(target.initializer);
        }
      });
    };
    start.forEach(follow);
    return found;
  }

  // ── Each element ──
  const eventTypes = new Map<string, string>();
  const events = program.getSourceFile(join(root, 'src/elements/shared/events.ts'))!;
  visit(events, (node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'CiamEventMap') return;
    for (const member of node.members)
      if (ts.isPropertySignature(member) && member.type && ts.isStringLiteral(member.name)) eventTypes.set(member.name.text, member.type.getText());
  });

  const elements = [...tags].map(([tag, declaration]): SourceElement => {
    const chain = classChain(declaration);
    const own: string[] = [];
    const properties: SourceProperty[] = [];
    const publicMembers: string[] = [];
    for (const klass of chain) {
      for (const member of klass.members) {
        const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : null;
        if (!name || properties.some((p) => p.name === name) || publicMembers.includes(name)) continue;
        const hidden = ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
        const decorator = decoratorOf(member, checker);
        if (decorator === 'state' && !hidden) own.push(`${klass.name?.text}.${name} is internal state (@state) but public: make it private`);
        if (hidden || ts.getJSDocTags(member).some((tag) => ['internal', 'ignore'].includes(tag.tagName.text))) continue;
        const isStatic = ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static;
        if (isStatic && name === 'properties' && ts.isPropertyDeclaration(member) && member.initializer && ts.isObjectLiteralExpression(member.initializer)) {
          for (const entry of member.initializer.properties)
            if (ts.isPropertyAssignment(entry) && ts.isObjectLiteralExpression(entry.initializer))
              properties.push(property(entry.name.getText(), entry.initializer, null, klass));
          continue;
        }
        if (isStatic || ts.isConstructorDeclaration(member) || LIFECYCLE.has(name)) continue;
        if (decorator === 'property' && ts.isPropertyDeclaration(member)) {
          const call = ts
            .getDecorators(member)!
            .map((d) => d.expression)
            .find((e): e is ts.CallExpression => ts.isCallExpression(e))!;
          const options = call.arguments[0] && ts.isObjectLiteralExpression(call.arguments[0]) ? call.arguments[0] : undefined;
          properties.push(property(name, options, member, klass));
        } else publicMembers.push(name);
      }
    }
    const files = reach(chain.map((klass) => klass.getSourceFile()));
    const sessionEvents = chain.some((klass) => /emitsSessionEvents:\s*true/.test(klass.getText()));
    const styleRoots: ts.Node[] = [];
    for (const sf of files)
      visit(sf, (node) => {
        if (ts.isCallExpression(node) && /(^|\.)adopt(Light)?Styles$/.test(node.expression.getText())) styleRoots.push(node);
      });
    for (const klass of chain)
      for (const member of klass.members)
        if (ts.isPropertyDeclaration(member) && member.name.getText() === 'styles' && member.initializer) styleRoots.push(member.initializer);
    const file = rel(declaration.getSourceFile().fileName);
    const parts = unique(files.flatMap((sf) => templateAttributes(sf, 'part')));
    return {
      tag,
      className: declaration.name!.text,
      file,
      properties,
      publicMembers,
      events: unique(files.filter((sf) => sessionEvents || rel(sf.fileName) !== SESSION_CONTROLLER).flatMap(firedIn)),
      parts,
      slots: unique(files.flatMap((sf) => templateAttributes(sf, 'slot-name'))),
      // A rule only for a part the element does not have reads nothing (the shared card rule in <ciam-org-switcher>).
      cssProperties: unique(cssPropertiesOf(styleRoots).flatMap((read) => (!read.parts || read.parts.some((p) => parts.includes(p)) ? [read.name] : []))),
      problems: own,
    };
  });

  /** `typed`: the declaration whose type says which values it takes (none for `static properties`). */
  function property(name: string, options: ts.ObjectLiteralExpression | undefined, typed: ts.Node | null, klass: ts.ClassDeclaration): SourceProperty {
    const option = (key: string) =>
      options?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === key)?.initializer;
    const attribute = option('attribute');
    const type = typed && checker.getTypeAtLocation(typed);
    const members = !type ? [] : type.isUnion() ? type.types : [type];
    const values = members.length && members.every((t) => t.isStringLiteral()) ? members.flatMap((t) => (t.isStringLiteral() ? [t.value] : [])) : null;
    return {
      name,
      attribute: attribute?.kind === ts.SyntaxKind.FalseKeyword ? null : attribute && ts.isStringLiteral(attribute) ? attribute.text : name.toLowerCase(),
      reflect: option('reflect')?.kind === ts.SyntaxKind.TrueKeyword,
      values,
      declaredIn: klass.name!.text,
    };
  }

  /** The class and its superclasses inside src/elements (LitElement and up are Lit's). */
  function classChain(klass: ts.ClassDeclaration): ts.ClassDeclaration[] {
    const chain = [klass];
    for (;;) {
      const base = chain[chain.length - 1].heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      const declaration = base && declarationOf(base.expression);
      if (!declaration || !ts.isClassDeclaration(declaration) || !inElements(declaration.getSourceFile())) return chain;
      chain.push(declaration);
    }
  }

  return { elements, eventTypes, problems: unique([...problems, ...elements.flatMap((e) => e.problems)]) };
}

interface CssRead {
  name: string;
  /** The rule's parts when each of its selectors starts with `[part~='…']`; null for a rule that applies elsewhere too. */
  parts: string[] | null;
}

/** Each var(--ciam-…) of a stylesheet (its text, `${…}` flattened), with the parts its rule is limited to. */
export function cssReads(sheet: string): CssRead[] {
  const reads: CssRead[] = [];
  const selectors: string[] = [];
  let start = 0;
  for (let i = 0; i < sheet.length; i++) {
    const c = sheet[i];
    if (c === '{') {
      selectors.push(sheet.slice(start, i).trim());
      start = i + 1;
    } else if (c === '}') {
      selectors.pop();
      start = i + 1;
    } else if (c === ';') start = i + 1;
    else if (sheet.startsWith('var(', i)) {
      const name = /^var\(\s*(--ciam-[\w-]+)/.exec(sheet.slice(i))?.[1];
      if (!name) continue;
      const rule = selectors.findLast((selector) => !selector.startsWith('@')) ?? '';
      const parts = rule.split(',').map((selector) => /^\[part~=['"]([\w-]+)['"]\]/.exec(selector.trim())?.[1]);
      reads.push({ name, parts: rule && parts.every(Boolean) ? (parts as string[]) : null });
    }
  }
  return reads;
}

/** Lit's and the DOM's callbacks: every element has them; they are not the element's own API. */
const LIFECYCLE = new Set([
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
  'adoptedCallback',
  'render',
  'update',
  'updated',
  'firstUpdated',
  'willUpdate',
  'shouldUpdate',
  'createRenderRoot',
  'getUpdateComplete',
  'performUpdate',
  'scheduleUpdate',
  'requestUpdate',
]);

/** `property` or `state` for Lit's decorators, under whatever name they were imported. */
function decoratorOf(member: ts.ClassElement, checker: ts.TypeChecker): 'property' | 'state' | null {
  if (!ts.canHaveDecorators(member)) return null;
  for (const decorator of ts.getDecorators(member) ?? []) {
    const expr = decorator.expression;
    let symbol = checker.getSymbolAtLocation(ts.isCallExpression(expr) ? expr.expression : expr);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    if (symbol?.name === 'property' || symbol?.name === 'state') return symbol.name;
  }
  return null;
}

/** A template's text with each `${…}` as \uE000N\uE000, and the expressions by N. */
function flatten(template: ts.TemplateLiteral): { text: string; expressions: ts.Expression[] } {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return { text: template.text, expressions: [] };
  const expressions = template.templateSpans.map((span) => span.expression);
  const text = template.head.text + template.templateSpans.map((span, i) => `\uE000${i}\uE000${span.literal.text}`).join('');
  return { text, expressions };
}

function skipParens(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) expr = expr.expression;
  return expr;
}

function visit(node: ts.Node, each: (node: ts.Node) => void) {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

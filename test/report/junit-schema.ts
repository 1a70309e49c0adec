/**
 * The JUnit XML schema CI servers read (Jenkins' junit-10.xsd, which GitHub's and GitLab's JUnit
 * readers follow), as data: which elements may hold which, which attributes each may and must have,
 * and their types. `schemaProblems` lists every place a document breaks it.
 */
import type { XmlElement } from './xml-check.js';

type AttrType = 'string' | 'count' | 'decimal';

interface ElementRule {
  attrs: Record<string, AttrType>;
  required: string[];
  /** Child element → how many may appear ('?' at most one, '*' any). */
  children: Record<string, '?' | '*'>;
  /** Whether text content is allowed. */
  text: boolean;
}

const SCHEMA: Record<string, ElementRule> = {
  testsuites: {
    attrs: { name: 'string', tests: 'count', failures: 'count', errors: 'count', skipped: 'count', disabled: 'count', time: 'decimal' },
    required: [],
    children: { testsuite: '*' },
    text: false,
  },
  testsuite: {
    attrs: {
      name: 'string', tests: 'count', failures: 'count', errors: 'count', skipped: 'count', disabled: 'count', time: 'decimal',
      timestamp: 'string', hostname: 'string', id: 'string', package: 'string', file: 'string',
    },
    required: ['name', 'tests'],
    children: { properties: '?', testcase: '*', 'system-out': '?', 'system-err': '?' },
    text: false,
  },
  properties: { attrs: {}, required: [], children: { property: '*' }, text: false },
  property: { attrs: { name: 'string', value: 'string' }, required: ['name', 'value'], children: {}, text: false },
  testcase: {
    attrs: { name: 'string', classname: 'string', assertions: 'count', time: 'decimal', status: 'string', file: 'string', line: 'count' },
    required: ['name'],
    children: { skipped: '?', error: '*', failure: '*', 'system-out': '*', 'system-err': '*' },
    text: false,
  },
  skipped: { attrs: { message: 'string' }, required: [], children: {}, text: true },
  error: { attrs: { message: 'string', type: 'string' }, required: [], children: {}, text: true },
  failure: { attrs: { message: 'string', type: 'string' }, required: [], children: {}, text: true },
  'system-out': { attrs: {}, required: [], children: {}, text: true },
  'system-err': { attrs: {}, required: [], children: {}, text: true },
};

const TYPES: Record<AttrType, RegExp> = { string: /[\s\S]*/, count: /^\d+$/, decimal: /^\d+(\.\d+)?$/ };

export function schemaProblems(el: XmlElement, path = el.name): string[] {
  const rule = SCHEMA[el.name];
  if (!rule) return [`${path}: element <${el.name}> is not in the schema`];
  const out: string[] = [];
  for (const [name, value] of Object.entries(el.attrs)) {
    const type = rule.attrs[name];
    if (!type) out.push(`${path}: attribute ${name} is not allowed`);
    else if (!TYPES[type].test(value)) out.push(`${path}: ${name}="${value}" is not a ${type}`);
  }
  for (const name of rule.required) if (!(name in el.attrs)) out.push(`${path}: attribute ${name} is required`);
  if (!rule.text && el.text.trim()) out.push(`${path}: text is not allowed here`);
  const seen = new Map<string, number>();
  el.children.forEach((child, i) => {
    const how = rule.children[child.name];
    if (!how) out.push(`${path}: <${child.name}> may not appear inside <${el.name}>`);
    seen.set(child.name, (seen.get(child.name) ?? 0) + 1);
    if (how === '?' && seen.get(child.name)! > 1) out.push(`${path}: more than one <${child.name}>`);
    out.push(...schemaProblems(child, `${path}/${child.name}[${i}]`));
  });
  return out;
}

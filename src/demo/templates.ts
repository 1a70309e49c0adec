/**
 * The fixture portals' template language: parsed once when a portal is loaded, rendered on each
 * request against the server's anchor instant. Deliberately tiny (no loops, no conditions): a page
 * is HTML with tags for partials, route variables and dates relative to the anchor.
 *
 *   {{> header}}                       templates/_header.html ({{> blocks/news}} → blocks/_news.html,
 *                                      {{> $body}} → the partial named by the route var `body`)
 *   {{> item title="Họp {{sy}}" pub="now -3"}}   a partial with arguments, seen as vars inside it
 *   {{var title}}                      a route var, itself rendered as a template
 *   {{query urlpdf}}                   a query-string parameter of the request, HTML-escaped
 *   {{origin}}                         http://127.0.0.1:<port> (for sitemap <loc> and absolute links)
 *   {{date now -3}}                    27/10/2026 (default format d/M/yyyy)
 *   {{date due -3@10:00 dd/MM/yyyy HH:mm}}   any date-fns format, Vietnamese locale, may hold spaces
 *   {{iso now -3@08:15}}               2026-10-27T08:15:00+07:00
 *   {{weekday now -3}} {{weekday now -3 num}}   "Thứ ba" / "Thứ 3" (Sunday: "Chủ nhật")
 *   {{week due}} {{week due -7}}       week number in the school year (week 1 contains 5/9)
 *   {{sy}} {{sy-1}} {{sy+1}} {{sem}} {{semnum}}   2026-2027, 2025-2026, 2027-2028, I, 1
 *   {{! a comment }}  {{!-- a comment that may contain }} --}}
 * Any argument written `$name` is replaced by the route var `name` before the tag is read, so one
 * post template serves many posts: `{{date now $published dd/MM/yyyy}}` with `published: "-3@08:15"`.
 */
import {
  type DateBase,
  DEFAULT_DATE_FORMAT,
  TemplateDateError,
  formatPortalDate,
  isDateBase,
  isoPortalDate,
  isOffsetToken,
  localDate,
  parseOffset,
  portalWeekday,
  resolveDate,
  schoolWeekNumber,
  schoolYearLabel,
  semesterOf,
} from './template-dates.js';

export class TemplateError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'TemplateError';
  }
}

/** What a page is rendered against. */
export interface RenderContext {
  anchor: Date;
  /** Route vars, already compiled (see `compileVars`). */
  vars: Record<string, CompiledTemplate>;
  /** Query string of the request. */
  query: URLSearchParams;
  /** `http://127.0.0.1:<port>` of the portal serving the request (`{{origin}}`). */
  origin: string;
  /** Looks up a partial by the name written in `{{> name}}`. */
  partial: (name: string) => CompiledTemplate | undefined;
}

type Renderer = (ctx: RenderContext, depth: number) => string;

export interface CompiledTemplate {
  /** File name (or `routes.yaml /path var`) for error messages. */
  name: string;
  parts: (string | Renderer)[];
}

/** Nesting limit for partials and vars (a partial that includes itself would never end). */
const MAX_DEPTH = 24;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Parses a template once. Unknown tags and bad dates are errors here, with file and line. */
export function compileTemplate(source: string, name: string): CompiledTemplate {
  const parts: (string | Renderer)[] = [];
  let pos = 0;
  let line = 1;
  const countLines = (s: string) => {
    for (const ch of s) if (ch === '\n') line++;
  };
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    if (open < 0) {
      parts.push(source.slice(pos));
      break;
    }
    if (open > pos) {
      parts.push(source.slice(pos, open));
      countLines(source.slice(pos, open));
    }
    const where = `${name}:${line}`;
    const isLongComment = source.startsWith('{{!--', open);
    const close = isLongComment ? source.indexOf('--}}', open + 2) : matchingClose(source, open);
    if (close < 0) throw new TemplateError(where, 'tag opened with "{{" is never closed');
    const inner = source.slice(open + 2, close);
    countLines(inner);
    pos = close + (isLongComment ? 4 : 2);
    if (inner.startsWith('!')) continue;
    parts.push(compileTag(inner.trim(), where));
  }
  return { name, parts };
}

/** Index of the `}}` closing the tag opened at `open`, skipping tags nested in partial arguments. */
function matchingClose(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length - 1; i++) {
    if (source[i] === '{' && source[i + 1] === '{') {
      depth++;
      i++;
    } else if (source[i] === '}' && source[i + 1] === '}') {
      if (--depth === 0) return i;
      i++;
    }
  }
  return -1;
}

export function renderTemplate(tpl: CompiledTemplate, ctx: RenderContext, depth = 0): string {
  if (depth > MAX_DEPTH) throw new TemplateError(tpl.name, `partials or vars nested deeper than ${MAX_DEPTH}`);
  let out = '';
  for (const p of tpl.parts) out += typeof p === 'string' ? p : p(ctx, depth);
  return out;
}

/** Compiles route vars (each value is itself a template). */
export function compileVars(vars: Record<string, string | number | boolean>, where: string): Record<string, CompiledTemplate> {
  const out: Record<string, CompiledTemplate> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = compileTemplate(String(v), `${where} var ${k}`);
  return out;
}

function renderVar(name: string, ctx: RenderContext, depth: number, where: string): string {
  const tpl = ctx.vars[name];
  if (!tpl) throw new TemplateError(where, `no route var "${name}"`);
  return renderTemplate(tpl, ctx, depth + 1);
}

const DATE_TAG = /^(date|iso|weekday|week)\s+(\S+)(?:\s+([+-]\d+(?:@\d{1,2}:\d{2})?))?(?:\s+([\s\S]*))?$/;

function compileTag(expr: string, where: string): Renderer {
  if (expr.startsWith('>')) return compilePartialTag(expr.slice(1).trim(), where);
  const simple = /^(var|query)\s+([\w.-]+)$/.exec(expr);
  if (simple) {
    const [, kind, name] = simple;
    if (kind === 'var') return (ctx, depth) => renderVar(name!, ctx, depth, where);
    return (ctx) => escapeHtml(ctx.query.get(name!) ?? '');
  }
  switch (expr) {
    case 'origin':
      return (ctx) => ctx.origin;
    case 'sy':
      return (ctx) => schoolYearLabel(ctx.anchor);
    case 'sy-1':
      return (ctx) => schoolYearLabel(ctx.anchor, -1);
    case 'sy+1':
      return (ctx) => schoolYearLabel(ctx.anchor, 1);
    case 'sem':
      return (ctx) => (semesterOf(ctx.anchor) === 1 ? 'I' : 'II');
    case 'semnum':
      return (ctx) => String(semesterOf(ctx.anchor));
  }
  if (/^(date|iso|weekday|week)\b/.test(expr)) {
    if (/(^|\s)\$/.test(expr)) {
      // Arguments from route vars: substitute, then read the tag (checked when rendered).
      return (ctx, depth) => {
        const text = expr.replace(/(^|\s)\$([\w.-]+)/g, (_, sp: string, v: string) => sp + renderVar(v, ctx, depth, where).trim());
        return compileDateTag(text, where)(ctx, depth);
      };
    }
    return compileDateTag(expr, where);
  }
  throw new TemplateError(where, `unknown tag "{{${expr}}}"`);
}

const PARTIAL_ARG = /\s*([\w-]+)="([^"]*)"/y;

/**
 * `{{> name}}`, `{{> $var}}` or `{{> name key="value" …}}`: the arguments are rendered in the
 * caller's context, then seen by the partial as vars (so one item partial serves a whole list).
 */
function compilePartialTag(body: string, where: string): Renderer {
  const m = /^(\S+)/.exec(body);
  if (!m) throw new TemplateError(where, 'partial tag without a name');
  const name = m[1]!;
  const args: [string, CompiledTemplate][] = [];
  let pos = name.length;
  while (pos < body.length) {
    PARTIAL_ARG.lastIndex = pos;
    const a = PARTIAL_ARG.exec(body);
    if (!a) {
      if (body.slice(pos).trim() === '') break;
      throw new TemplateError(where, `cannot read partial arguments "${body.slice(pos).trim()}" (expected key="value")`);
    }
    args.push([a[1]!, compileTemplate(a[2]!, `${where} arg ${a[1]}`)]);
    pos = PARTIAL_ARG.lastIndex;
  }
  return (ctx, depth) => {
    const resolved = name.startsWith('$') ? renderVar(name.slice(1), ctx, depth, where).trim() : name;
    const tpl = ctx.partial(resolved);
    if (!tpl) throw new TemplateError(where, `no partial "${resolved}"`);
    if (args.length === 0) return renderTemplate(tpl, ctx, depth + 1);
    const vars = { ...ctx.vars };
    for (const [k, v] of args) vars[k] = { name: `${where} arg ${k}`, parts: [renderTemplate(v, ctx, depth + 1)] };
    return renderTemplate(tpl, { ...ctx, vars }, depth + 1);
  };
}

function compileDateTag(expr: string, where: string): Renderer {
  const m = DATE_TAG.exec(expr);
  if (!m) throw new TemplateError(where, `cannot read "{{${expr}}}" (expected e.g. {{date now -3 dd/MM/yyyy}})`);
  const [, kind, baseText, offsetText, rest] = m;
  if (!isDateBase(baseText!)) {
    throw new TemplateError(where, `unknown date base "${baseText}" in "{{${expr}}}" (now, due, sy, sem, nowsy, nowsem)`);
  }
  const base: DateBase = baseText;
  let offset;
  try {
    offset = parseOffset(offsetText ?? '+0');
  } catch (e) {
    throw new TemplateError(where, (e as Error).message);
  }
  const tail = (rest ?? '').trim();
  const guard = (fn: Renderer): Renderer => (ctx, depth) => {
    try {
      return fn(ctx, depth);
    } catch (e) {
      if (e instanceof TemplateDateError) throw new TemplateError(where, e.message);
      throw e;
    }
  };
  switch (kind) {
    case 'date': {
      const fmt = tail || DEFAULT_DATE_FORMAT;
      // Check the format once now rather than on every request.
      try {
        formatPortalDate(new Date(0), fmt);
      } catch (e) {
        throw new TemplateError(where, (e as Error).message);
      }
      return guard((ctx) => formatPortalDate(resolveDate(base, offset, ctx.anchor), fmt));
    }
    case 'iso':
      if (tail) throw new TemplateError(where, `"iso" takes no format ("${tail}")`);
      return guard((ctx) => isoPortalDate(resolveDate(base, offset, ctx.anchor)));
    case 'weekday': {
      if (tail && tail !== 'long' && tail !== 'num') {
        throw new TemplateError(where, `weekday style must be "long" or "num", not "${tail}"`);
      }
      const style = tail === 'num' ? 'num' : 'long';
      return guard((ctx) => portalWeekday(resolveDate(base, offset, ctx.anchor), style));
    }
    default: {
      if (tail) throw new TemplateError(where, `"week" takes no format ("${tail}")`);
      return guard((ctx) => String(schoolWeekNumber(localDate(resolveDate(base, offset, ctx.anchor)))));
    }
  }
}

/** Reads a date token such as `now -3@08:00` (routes.yaml `lastModified`). */
export function parseDateToken(token: string): { base: DateBase; offset: ReturnType<typeof parseOffset> } {
  const [baseText, offsetText, ...extra] = token.trim().split(/\s+/);
  if (!baseText || !isDateBase(baseText)) throw new TemplateDateError(`unknown date base in "${token}"`);
  if (extra.length > 0 || (offsetText !== undefined && !isOffsetToken(offsetText))) {
    throw new TemplateDateError(`bad date token "${token}" (expected e.g. "now -3@08:00")`);
  }
  return { base: baseText, offset: parseOffset(offsetText ?? '+0') };
}

/**
 * One fixture portal on disk (`fixtures/<id>/`): portal.yaml, routes.yaml and templates/, read and
 * checked once, templates compiled once. See fixtures/README.md for the layout.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, LineCounter } from 'yaml';
import { z } from 'zod';
import { type CompiledTemplate, compileTemplate, compileVars, parseDateToken } from './templates.js';
import { type SpaSite, SpaOptionsSchema, loadSpaSite } from './spa-portal.js';

/** The repository's fixtures folder: this module runs from src/demo (tests) or dist/demo (built). */
export function defaultFixturesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
}

export const PortalInfoSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and "-" only'),
    name: z.string().min(1),
    level: z.enum(['MN', 'TH', 'THCS', 'THPT', 'TH-THCS', 'THCS-THPT', 'TH-THCS-THPT']),
    boarding: z.boolean(),
    platform: z.string().min(1),
    charset: z.enum(['utf-8', 'windows-1258']).default('utf-8'),
    description: z.string().min(1),
    /** Vars every page of the portal sees (school name, address …); route vars override them. */
    vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Folders whose .png/.jpg/.gif files are generated without a route (default: images, upload, uploads). */
    imageDirs: z.array(z.string()).optional(),
    /** A single-page app showing this other portal's pages (see src/demo/spa-portal.ts): no routes or templates of its own. */
    spaOf: z.string().regex(/^[a-z0-9-]+$/).optional(),
    spa: SpaOptionsSchema.optional(),
    /** Its content is built by JavaScript: a crawl that does not render cannot judge it. */
    needsRender: z.boolean().optional(),
  })
  .strict();
export type PortalInfo = z.infer<typeof PortalInfoSchema>;

const VarValue = z.union([z.string(), z.number(), z.boolean()]);
const RouteSchema = z.union([
  z.string().min(1), // shorthand: the template file
  z
    .object({
      template: z.string().min(1).optional(),
      vars: z.record(z.string(), VarValue).optional(),
      status: z.number().int().min(100).max(599).optional(),
      redirect: z.string().min(1).optional(),
      contentType: z.string().min(1).optional(),
      lastModified: z.string().min(1).optional(),
      /** Title printed in a generated PDF. */
      title: z.string().optional(),
    })
    .strict(),
]);
/** Keys starting with `x-` are extension keys that hold YAML anchors (shared vars), not routes. */
const RoutesSchema = z.record(z.string(), z.unknown()).superRefine((routes, ctx) => {
  for (const [key, value] of Object.entries(routes)) {
    if (key.startsWith('x-')) continue;
    const r = RouteSchema.nullable().safeParse(value);
    if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] } as never);
  }
});

export interface Route {
  /** The key as written in routes.yaml. */
  key: string;
  template?: CompiledTemplate;
  templateFile?: string;
  vars: Record<string, CompiledTemplate>;
  status: number;
  redirect?: string;
  contentType?: string;
  lastModified?: ReturnType<typeof parseDateToken>;
  title?: string;
  /** For keys with `*`: the pattern (`*` one path segment, `**` the rest). */
  pattern?: RegExp;
}

export interface LoadedPortal {
  info: PortalInfo;
  dir: string;
  /** Exact routes by normalised `path?query` (or `path`). */
  routes: Map<string, Route>;
  wildcards: Route[];
  templates: Map<string, CompiledTemplate>;
  /** portal.yaml `vars`, compiled. */
  vars: Record<string, CompiledTemplate>;
  imageDirs: string[];
  /** Set for an SPA portal (`spaOf`): its routes, templates and vars above are the twin's. */
  spa?: SpaSite;
}

export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureError';
  }
}

/** Normalises a route key or a request target the same way: `/a/b?x=1`, percent-encoding as URL does. */
export function routeKey(target: string): string {
  const u = new URL(target, 'http://fixture.invalid');
  return u.pathname + u.search;
}

function zodMessage(file: string, doc: ReturnType<typeof parseDocument>, lc: LineCounter, err: z.ZodError): string {
  return err.issues
    .map((i) => {
      // For an unknown key, point at that key's line rather than at its mapping.
      const keyPath = i.code === 'unrecognized_keys' && i.keys[0] ? [...i.path, i.keys[0]] : i.path;
      const node = (doc.getIn(keyPath as (string | number)[], true) ?? doc.getIn(i.path as (string | number)[], true)) as
        | { range?: [number, number] }
        | undefined;
      const line = node?.range ? `:${lc.linePos(node.range[0]).line}` : '';
      return `${file}${line}: ${i.path.join('.') || '(top)'}: ${i.message}`;
    })
    .join('\n');
}

async function readYaml<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  const text = await readFile(file, 'utf8');
  const lc = new LineCounter();
  // `merge`: routes.yaml shares vars with anchors and `<<: *cat` merge keys.
  const doc = parseDocument(text, { lineCounter: lc, merge: true });
  if (doc.errors.length > 0) throw new FixtureError(`${file}: ${doc.errors[0]!.message}`);
  // routes.yaml reuses anchors a lot; these files are ours, so the alias limit can be generous.
  const parsed = schema.safeParse(doc.toJS({ maxAliasCount: 10_000 }));
  if (!parsed.success) throw new FixtureError(zodMessage(file, doc, lc, parsed.error));
  return parsed.data;
}

export async function readPortalInfo(dir: string): Promise<PortalInfo> {
  return readYaml(path.join(dir, 'portal.yaml'), PortalInfoSchema);
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** `{{> header}}` → `_header.html`; `{{> blocks/news}}` → `blocks/_news.html`; an exact file name also works. */
export function partialFile(name: string): string {
  const slash = name.lastIndexOf('/');
  const dir = name.slice(0, slash + 1);
  const base = name.slice(slash + 1);
  return `${dir}_${base}${/\.\w+$/.test(base) ? '' : '.html'}`;
}

function wildcardPattern(key: string): RegExp {
  const esc = key.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc.replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/?]+').replace(/\u0000/g, '.+')}$`);
}

/** Reads and compiles one portal folder. Errors name the file, line and field. */
export async function loadPortal(dir: string): Promise<LoadedPortal> {
  const info = await readPortalInfo(dir);
  if (info.spaOf) {
    const twinDir = path.join(path.dirname(dir), info.spaOf);
    if (info.spaOf === info.id || !existsSync(path.join(twinDir, 'portal.yaml'))) {
      throw new FixtureError(`${info.id}/portal.yaml: spaOf: no other portal "${info.spaOf}" beside it`);
    }
    if ((await readPortalInfo(twinDir)).spaOf) throw new FixtureError(`${info.id}/portal.yaml: spaOf: "${info.spaOf}" must be a static portal`);
    const twin = await loadPortal(twinDir);
    return { ...twin, info, dir, spa: await loadSpaSite(dir, info, twin, SpaOptionsSchema.parse(info.spa ?? {})) };
  }
  const templatesDir = path.join(dir, 'templates');
  const templates = new Map<string, CompiledTemplate>();
  if (existsSync(templatesDir)) {
    for (const rel of await listFiles(templatesDir)) {
      const source = await readFile(path.join(templatesDir, rel), 'utf8');
      templates.set(rel, compileTemplate(source, `${info.id}/templates/${rel}`));
    }
  }
  const routesFile = path.join(dir, 'routes.yaml');
  const rawRoutes = await readYaml(routesFile, RoutesSchema);
  const routes = new Map<string, Route>();
  const wildcards: Route[] = [];
  for (const [key, value] of Object.entries(rawRoutes)) {
    if (key.startsWith('x-')) continue; // extension keys hold YAML anchors, not routes
    const where = `${info.id}/routes.yaml ${key}`;
    if (!key.startsWith('/')) throw new FixtureError(`${where}: a route must start with "/"`);
    const parsed = RouteSchema.nullable().parse(value);
    const spec = typeof parsed === 'string' ? { template: parsed } : (parsed ?? {});
    const route: Route = { key, vars: compileVars(spec.vars ?? {}, where), status: spec.status ?? (spec.redirect ? 301 : 200) };
    if (spec.template) {
      const tpl = templates.get(spec.template);
      if (!tpl) throw new FixtureError(`${where}: no template "${spec.template}" in ${templatesDir}`);
      route.template = tpl;
      route.templateFile = spec.template;
    }
    if (spec.redirect) route.redirect = spec.redirect;
    if (spec.contentType) route.contentType = spec.contentType;
    if (spec.title !== undefined) route.title = spec.title;
    if (spec.lastModified) {
      try {
        route.lastModified = parseDateToken(spec.lastModified);
      } catch (e) {
        throw new FixtureError(`${where}: lastModified: ${(e as Error).message}`);
      }
    }
    if (key.includes('*')) {
      route.pattern = wildcardPattern(key);
      wildcards.push(route);
    } else {
      const k = routeKey(key);
      if (routes.has(k)) throw new FixtureError(`${where}: listed twice`);
      routes.set(k, route);
    }
  }
  const imageDirs = info.imageDirs ?? ['images', 'upload', 'uploads'];
  const vars = compileVars(info.vars ?? {}, `${info.id}/portal.yaml`);
  return { info, dir, routes, wildcards, templates, vars, imageDirs };
}

/** portal.yaml of every portal folder under `fixturesDir`, sorted by id. */
export async function listPortalInfos(fixturesDir: string): Promise<PortalInfo[]> {
  const out: PortalInfo[] = [];
  for (const e of await readdir(fixturesDir, { withFileTypes: true })) {
    if (e.isDirectory() && existsSync(path.join(fixturesDir, e.name, 'portal.yaml'))) {
      const info = await readPortalInfo(path.join(fixturesDir, e.name));
      if (info.id !== e.name) throw new FixtureError(`${e.name}/portal.yaml: id "${info.id}" differs from its folder name`);
      out.push(info);
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

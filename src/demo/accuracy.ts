/**
 * The reviewer's verdicts and how an audit compares with them. Every fixture portal (fixtures/,
 * fixtures/corpus/) and every copy of a real site (test/data/real-sites/) has an `expected.yaml`:
 * per section the status a person reviewing the portal writes, with the reason, at the audit
 * instants that matter. `npm run accuracy` and the tests audit each one at each instant and count
 * agreement, false failures (a fail where the reviewer says pass, warn or n/a), false passes and
 * unknowns (fixtures/README.md, "expected.yaml").
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseInstant } from '../calendar/time.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { createCrawler, type CrawlOptions } from '../crawl/crawler.js';
import { judgeSchool } from '../judge/judge.js';
import { sectionLinkTest } from '../map/labels.js';
import type { LoadedRulePack } from '../rules/load.js';
import { SCHOOL_LEVELS, type SchoolConfig, type SchoolCrawl, type SchoolResult, type Status } from '../types.js';
import { defaultFixturesDir, readPortalInfo } from './fixture-portal.js';
import { startFixtureServer } from './fixture-server.js';

const STATUS = z.enum(['pass', 'fail', 'warn', 'unknown', 'n/a']);

const Verdict = z.object({ status: STATUS, because: z.string().optional(), reason: z.string().optional() });

const SectionExpectation = Verdict.extend({
  /** When the status depends on the instant: in words, for the reader. */
  when: z.string().optional(),
  /** The status at given instants (ISO, as listed under `instants`), where it differs. */
  at: z.record(z.string(), Verdict).optional(),
});

export const ExpectedSchema = z.object({
  portal: z.string().optional(),
  school: z.object({ id: z.string(), name: z.string(), level: z.enum(SCHOOL_LEVELS), boarding: z.boolean() }).optional(),
  /** The audit instants that matter (also the fixture server's anchor); default: DEFAULT_INSTANTS. */
  instants: z.array(z.string()).min(1).optional(),
  /** Crawl settings of the audit: a page limit, the page a copy of a real site starts at. */
  crawl: z.object({ maxPages: z.number().int().min(1).optional(), start: z.string().optional() }).strict().optional(),
  sections: z.record(z.string(), SectionExpectation),
  exceptions: z.array(z.unknown()).optional(),
});
export type Expected = z.infer<typeof ExpectedSchema>;

/** Before and after a Friday 16:00 deadline, and in semester 2 (the e2e test's instants). */
export const DEFAULT_INSTANTS = ['2026-10-30T15:00:00+07:00', '2026-10-31T09:30:00+07:00', '2027-01-27T10:00:00+07:00'];

/** What can be audited against a reviewer: a fixture portal, or a saved copy of a real site. */
export interface Target {
  /** Portal id, or the copy's folder name. */
  id: string;
  kind: 'fixture' | 'copy';
  /** fixtures dir holding the portal, or the copy's own folder. */
  dir: string;
  expected: Expected;
}

export function readExpected(file: string): Expected {
  const parsed = ExpectedSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The repository root (this module runs from src/demo in tests, dist/demo when built). */
function repoRoot(): string {
  return path.resolve(defaultFixturesDir(), '..');
}

export const CORPUS_DIR = path.join(defaultFixturesDir(), 'corpus');
export const REAL_SITES_DIR = path.join(repoRoot(), 'test', 'data', 'real-sites');

function portalsIn(dir: string): Target[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'portal.yaml')) && existsSync(path.join(dir, e.name, 'expected.yaml')))
    .map((e) => ({ id: e.name, kind: 'fixture' as const, dir, expected: readExpected(path.join(dir, e.name, 'expected.yaml')) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Copies of real sites: `<name>/` beside `<name>.expected.yaml`. */
function copiesIn(dir: string): Target[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.yaml') && existsSync(path.join(dir, f.replace(/\.expected\.yaml$/, ''))))
    .map((f) => {
      const id = f.replace(/\.expected\.yaml$/, '');
      return { id, kind: 'copy' as const, dir: path.join(dir, id), expected: readExpected(path.join(dir, f)) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Every target with a reviewer's expected.yaml: the demo portals, the corpus, the real sites. */
export function listTargets(): Target[] {
  return [...portalsIn(defaultFixturesDir()), ...portalsIn(CORPUS_DIR), ...copiesIn(REAL_SITES_DIR)];
}

export function instantsOf(t: Target): string[] {
  return t.expected.instants ?? DEFAULT_INSTANTS;
}

export interface ExpectedVerdict {
  status: Status;
  because: string;
}

/** The reviewer's verdict of each section at one instant. */
export function expectedAt(e: Expected, instant: string): Map<string, ExpectedVerdict> {
  const out = new Map<string, ExpectedVerdict>();
  const t = parseInstant(instant).getTime();
  for (const [id, s] of Object.entries(e.sections)) {
    const over = Object.entries(s.at ?? {}).find(([k]) => parseInstant(k).getTime() === t)?.[1];
    const v = over ?? s;
    out.set(id, { status: v.status, because: v.because ?? v.reason ?? '' });
  }
  return out;
}

export type Outcome = 'agree' | 'false-fail' | 'false-pass' | 'unknown' | 'other';

/** How a verdict of the tool stands against the reviewer's. */
export function outcomeOf(expected: Status, got: Status): Outcome {
  if (expected === got) return 'agree';
  if (got === 'fail' && (expected === 'pass' || expected === 'warn' || expected === 'n/a')) return 'false-fail';
  if (got === 'pass' && (expected === 'fail' || expected === 'warn' || expected === 'unknown')) return 'false-pass';
  if (got === 'unknown') return 'unknown';
  return 'other';
}

export interface SectionVerdict {
  target: string;
  instant: string;
  section: string;
  expected: ExpectedVerdict;
  got: Status;
  outcome: Outcome;
  /** The tool's reasons for its status (English), for the mismatch report. */
  why: string[];
}

export function compareResult(target: string, instant: string, result: SchoolResult, expected: Expected): SectionVerdict[] {
  const want = expectedAt(expected, instant);
  const out: SectionVerdict[] = [];
  for (const [id, e] of want) {
    const got = result.sections.find((s) => s.id === id);
    const status: Status = got?.status ?? 'unknown';
    out.push({
      target,
      instant,
      section: id,
      expected: e,
      got: status,
      outcome: got ? outcomeOf(e.status, status) : 'other',
      why: got ? got.findings.filter((f) => f.status === status).map((f) => f.message.en) : ['section missing from the results'],
    });
  }
  return out;
}

export interface Tally {
  verdicts: number;
  agree: number;
  falseFail: number;
  falsePass: number;
  unknown: number;
  other: number;
}

export function tally(verdicts: SectionVerdict[]): Tally {
  const t: Tally = { verdicts: verdicts.length, agree: 0, falseFail: 0, falsePass: 0, unknown: 0, other: 0 };
  for (const v of verdicts) {
    if (v.outcome === 'agree') t.agree++;
    else if (v.outcome === 'false-fail') t.falseFail++;
    else if (v.outcome === 'false-pass') t.falsePass++;
    else if (v.outcome === 'unknown') t.unknown++;
    else t.other++;
  }
  return t;
}

/** A folder served like `python3 -m http.server`: the query is ignored, unknown files are 404. */
export async function serveFolder(root: string): Promise<{ origin: string; close(): Promise<void> }> {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let rel: string;
    try {
      rel = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.normalize(path.join(base, rel));
    if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>');
      return;
    }
    // No charset in the header: the pages name theirs in a <meta>, as the copies were served.
    res.writeHead(200, { 'content-type': /\.html?$/.test(file) ? 'text/html' : 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface AuditSettings {
  rules: LoadedRulePack;
  calendar: WorkingCalendar;
  /** Crawl options besides the target's own (a page limit …). */
  crawl?: Partial<CrawlOptions>;
}

/** Crawls a target served at `instant` (a fixture's anchor) and judges it at that instant. */
export async function crawlTarget(t: Target, instant: string, crawlOptions: Partial<CrawlOptions> = {}, rules?: LoadedRulePack): Promise<SchoolCrawl> {
  const asOf = parseInstant(instant);
  const e = t.expected;
  let url: string;
  let close: () => Promise<void>;
  let school: Omit<SchoolConfig, 'url'>;
  if (t.kind === 'fixture') {
    const server = await startFixtureServer({ anchor: asOf, portals: [t.id], fixturesDir: t.dir });
    const info = await readPortalInfo(path.join(t.dir, t.id));
    url = server.portals[0]!.url;
    close = server.close;
    school = { id: info.id, name: info.name, level: info.level, boarding: info.boarding, startUrls: [], sectionUrls: {} };
  } else {
    if (!e.school) throw new Error(`${t.id}.expected.yaml: a copy of a real site needs "school:"`);
    const server = await serveFolder(t.dir);
    url = server.origin + (e.crawl?.start ?? '/index.html');
    close = server.close;
    school = { ...e.school, startUrls: [], sectionUrls: {} };
  }
  // Fixtures answer at once: more requests per site only make the run shorter.
  // A copy's files on the live hosts are never probed (nothing leaves 127.0.0.1); its own are.
  const crawler = createCrawler({
    ...(rules ? { sectionLink: sectionLinkTest(rules.pack.sections) } : {}),
    perHost: 4,
    retryBaseMs: 20,
    ...(t.kind === 'copy' ? { probeOffSite: false } : {}),
    ...crawlOptions,
    ...(e.crawl?.maxPages ? { maxPages: e.crawl.maxPages } : {}),
  });
  try {
    return await crawler.crawlSchool({ ...school, url });
  } finally {
    await crawler.close();
    await close();
  }
}

export async function auditTarget(t: Target, instant: string, s: AuditSettings): Promise<{ result: SchoolResult; verdicts: SectionVerdict[] }> {
  const crawl = await crawlTarget(t, instant, s.crawl, s.rules);
  const result = judgeSchool(crawl, { asOf: parseInstant(instant), rules: s.rules, calendar: s.calendar });
  return { result, verdicts: compareResult(t.id, instant, result, t.expected) };
}

/**
 * The hostile district audited end to end by the built CLI, in ONE run with a good fixture portal:
 * a slow page, 500s, a 429 with Retry-After, an endless calendar, repeating paths, a 60 MB page, a
 * redirect loop, a reset mid-body, binary garbage, a windows-1258 page, a self-signed certificate,
 * a home that redirects in a circle and a home of garbage. The run ends in bounded time, in a
 * 256 MB heap; each fault school's result names its fault; the neighbour's results are untouched.
 * Then `check` on the self-signed site, with and without --insecure.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { AuditResults, CrawlIssue, CrawlIssueKind, PageIndexEntry, SchoolResult } from '../../src/types.js';
import {
  FAULTS,
  HUGE_PAGE_BYTES,
  startHostileDistrict,
  startHostileSchool,
  WINDOWS_1258_TITLE,
  type Fault,
  type HostileDistrict,
  type HostileSchool,
} from '../helpers/hostile-server.js';
import { cli, type CliRun } from './cli.js';

const AS_OF = '2026-10-30T15:00:00+07:00';
const RUN_FLAGS = ['--as-of', AS_OF, '--timeout', '2', '--render', 'never', '--no-screenshots'];
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=256' };
const TRAPS: readonly Fault[] = ['endless-calendar', 'repeating-paths'];

/** Vietnamese with its diacritics, then English: both halves of a message are there. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

function expectIssue(school: SchoolResult, kind: CrawlIssueKind, names: { en: RegExp; url?: (u: string) => boolean }): CrawlIssue {
  const issue = school.crawlIssues.find((i) => i.kind === kind);
  expect(issue, `${school.id}: no "${kind}" among ${JSON.stringify(school.crawlIssues)}`).toBeDefined();
  expect(issue!.message.vi).toMatch(VIETNAMESE);
  expect(issue!.message.en).toMatch(names.en);
  if (names.url) expect(issue!.urls.some(names.url), `${school.id}: ${kind} urls ${issue!.urls.join(' ')}`).toBe(true);
  return issue!;
}

function pageOf(school: SchoolResult, url: string): PageIndexEntry {
  const page = school.pages.find((p) => p.url === url);
  expect(page, `${school.id}: no page ${url} among ${school.pages.map((p) => p.url).join(' ')}`).toBeDefined();
  return page!;
}

interface Expected {
  sections: Record<string, { status: string }>;
}

describe('one audit of the hostile district next to a good portal', () => {
  let fixtures: FixtureServer;
  let district: HostileDistrict;
  let run: CliRun;
  let seconds: number;
  let results: AuditResults;
  const resultOf = (fault: Fault): SchoolResult => results.schools.find((s) => s.id === district.school(fault).id)!;

  beforeAll(async () => {
    fixtures = await startFixtureServer({ anchor: parseInstant(AS_OF), portals: ['thcs-sen-hong'] });
    district = await startHostileDistrict();
    const out = await mkdtemp(join(tmpdir(), 'pa-faults-'));
    const p = fixtures.portals[0]!;
    const schools = [
      // deep enough that only trap detection, not the depth limit, can stop the traps
      ...district.schools.map((s) => ({ id: s.id, name: s.name, url: s.url, level: 'TH', ...(TRAPS.includes(s.fault) ? { maxDepth: 50 } : {}) })),
      { id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding },
    ];
    await writeFile(join(out, 'schools.yaml'), JSON.stringify(schools));
    const t0 = Date.now();
    run = await cli(['audit', join(out, 'schools.yaml'), '--out', out, ...RUN_FLAGS], { env: SMALL_HEAP, timeoutMs: 150_000 });
    seconds = (Date.now() - t0) / 1000;
    results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as AuditResults;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([fixtures?.close(), district?.close()]);
  });

  it('finishes in bounded time within a 256 MB heap, exit code 1 (findings), a result for every school', () => {
    expect(run.stderr).not.toMatch(/heap out of memory|run failed/i);
    expect(run.code).toBe(1);
    expect(seconds).toBeLessThan(120); // a hang guard, not a speed test
    expect(results.schools.map((s) => s.id)).toEqual([...FAULTS.map((f) => district.school(f).id), 'thcs-sen-hong']);
  });

  it('leaves the neighbour portal untouched: every section as its expected.yaml says, no crawl issue', async () => {
    const neighbour = results.schools.find((s) => s.id === 'thcs-sen-hong')!;
    expect(neighbour.reachable).toBe(true);
    expect(neighbour.crawlIssues).toEqual([]);
    const expected = parse(await readFile(new URL('../../fixtures/thcs-sen-hong/expected.yaml', import.meta.url), 'utf8')) as Expected;
    const got = Object.fromEntries(Object.keys(expected.sections).map((id) => [id, neighbour.sections.find((s) => s.id === id)?.status]));
    expect(got).toEqual(Object.fromEntries(Object.entries(expected.sections).map(([id, s]) => [id, s.status])));
  });

  it('reports the slow page as timed out and slow', () => {
    const s = district.school('slow');
    const r = resultOf('slow');
    expect(r.reachable).toBe(true);
    expect(pageOf(r, s.faultUrl).note).toMatch(/Máy chủ không trả lời kịp thời \/ No answer in time/);
    expectIssue(r, 'slow', { en: /time|slow/i, url: (u) => u === s.faultUrl });
    expect(s.count('/lich-cong-tac')).toBeLessThanOrEqual(3);
  });

  it('reports the 500 and 502 pages as server errors, retried a bounded number of times', () => {
    const s = district.school('server-errors');
    const r = resultOf('server-errors');
    expect(pageOf(r, s.faultUrl)).toMatchObject({ status: 500, note: expect.stringMatching(/HTTP 500/) });
    expectIssue(r, 'server-errors', { en: /server|5\d\d/i, url: (u) => u === s.faultUrl });
    expect(s.count('/tin-tuc')).toBeLessThanOrEqual(3);
  });

  it('waits out the 429 for its Retry-After, reads the page, reports the rate limit', () => {
    const s = district.school('rate-limited');
    const r = resultOf('rate-limited');
    const tries = s.requests.filter((q) => q.path === '/thoi-khoa-bieu');
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(990); // Retry-After: 1
    expect(pageOf(r, s.faultUrl)).toMatchObject({ status: 200, title: 'Thời khóa biểu' });
    expectIssue(r, 'rate-limited', { en: /rate|429|too many/i, url: (u) => u === s.faultUrl });
  });

  it('stops the endless calendar and the repeating paths early and names each as a trap', () => {
    const calendar = district.school('endless-calendar');
    expect(calendar.count('/lich?')).toBeLessThan(40);
    expectIssue(resultOf('endless-calendar'), 'trap', { en: /trap|endless|calendar|repeat/i, url: (u) => new URL(u).pathname === '/lich' });
    const paths = district.school('repeating-paths');
    expect(paths.count('/tai-lieu/')).toBeLessThan(40);
    expectIssue(resultOf('repeating-paths'), 'trap', { en: /trap|endless|repeat/i, url: (u) => new URL(u).pathname.startsWith('/tai-lieu/van-ban/') });
  });

  it('cuts the 60 MB page at the body cap, downloads far less than 60 MB, flags it truncated', () => {
    const s = district.school('huge-page');
    const r = resultOf('huge-page');
    expect(s.hugeBytesSent).toBeLessThan(HUGE_PAGE_BYTES / 2);
    expect(pageOf(r, s.faultUrl)).toMatchObject({ status: 200, title: 'Thư viện ảnh', note: expect.stringMatching(/HTML bị cắt .* \/ HTML cut/) });
    expectIssue(r, 'truncated', { en: /cut|truncat|size|large/i, url: (u) => u === s.faultUrl });
  });

  it('names the redirect loop on a page', () => {
    const s = district.school('redirect-loop');
    const r = resultOf('redirect-loop');
    expect(pageOf(r, s.faultUrl).note).toMatch(/Chuyển hướng vòng lặp \/ Redirect loop/);
    expectIssue(r, 'redirects', { en: /redirect/i, url: (u) => /\/gioi-thieu(-truong)?$/.test(u) });
  });

  it('names the connection reset mid-body on its page', () => {
    const s = district.school('reset');
    const r = resultOf('reset');
    expect(r.reachable).toBe(true);
    expect(pageOf(r, s.faultUrl).note).toMatch(/Máy chủ ngắt kết nối giữa chừng \/ Connection closed by the server/);
  });

  it('says the garbage page is not an HTML document', () => {
    const s = district.school('garbage');
    const r = resultOf('garbage');
    expect(r.reachable).toBe(true);
    expect(pageOf(r, s.faultUrl).note).toMatch(/not an HTML document \(không phải trang HTML\)/);
  });

  it('reads the windows-1258 page right, with no issue', () => {
    const s = district.school('windows-1258');
    const r = resultOf('windows-1258');
    expect(pageOf(r, s.faultUrl)).toMatchObject({ status: 200, title: WINDOWS_1258_TITLE });
    expect(r.pages.filter((p) => p.note)).toEqual([]);
    expect(r.crawlIssues).toEqual([]);
  });

  it('says why each site that fails at its home page could not be audited', () => {
    const tls = resultOf('self-signed');
    expect(tls.reachable).toBe(false);
    expect(tls.error).toMatch(/Chứng chỉ không hợp lệ \(HTTPS\) \/ Invalid HTTPS certificate/);
    expect(resultOf('home-redirect-loop')).toMatchObject({ reachable: false, error: expect.stringMatching(/Chuyển hướng vòng lặp \/ Redirect loop/) });
    expect(resultOf('home-garbage')).toMatchObject({
      reachable: false,
      error: expect.stringMatching(/Trang chủ không phải trang HTML \/ Home page is not an HTML page/),
    });
    expect(district.school('home-redirect-loop').requests.length).toBeLessThanOrEqual(10);
  });
});

describe('check of a site with a self-signed certificate', () => {
  let site: HostileSchool;

  beforeAll(async () => {
    site = await startHostileSchool('self-signed');
  });
  afterAll(async () => site?.close());

  const checkJson = async (extra: string[]): Promise<SchoolResult> => {
    const run = await cli(['check', site.url, '--format', 'json', '--level', 'TH', ...RUN_FLAGS, ...extra], { timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(1);
    return (JSON.parse(run.stdout) as AuditResults).schools[0]!;
  };

  it('with --insecure reads the site and reports the certificate as a tls issue', async () => {
    const school = await checkJson(['--insecure']);
    expect(school.reachable).toBe(true);
    expect(school.pagesCrawled).toBeGreaterThanOrEqual(4);
    expectIssue(school, 'tls', { en: /certificate/i });
  }, 90_000);

  it('without --insecure reports the site unreachable: "Chứng chỉ không hợp lệ"', async () => {
    const before = site.requests.length;
    const school = await checkJson([]);
    expect(school.reachable).toBe(false);
    expect(school.error).toMatch(/Chứng chỉ không hợp lệ/);
    expect(site.requests.length).toBe(before); // no HTTP request got past the handshake
  }, 90_000);
});

/**
 * Pages built by JavaScript, end to end through the CLI: the single-page-app twin of thcs-sen-hong
 * in auto mode (rendered, screenshots), with `--render never` (what is lost), and with Chromium
 * missing (one line on how to install it, the rest goes on).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { AuditResults, CrawlFile, SchoolResult } from '../../src/types.js';
import { cli } from './cli.js';

const AS_OF = '2026-10-30T15:00:00+07:00';
const SPA = 'thcs-sen-hong-spa';
const TWIN = 'thcs-sen-hong';

let server: FixtureServer;
let dir: string;
let schoolsFile: string;

beforeAll(async () => {
  server = await startFixtureServer({ anchor: parseInstant(AS_OF), portals: [TWIN, SPA] });
  dir = await mkdtemp(join(tmpdir(), 'pa-render-'));
  schoolsFile = join(dir, 'schools.yaml');
  const list = server.portals.map((p) => ({ id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding }));
  await writeFile(schoolsFile, JSON.stringify(list));
});
afterAll(async () => server?.close());

async function audit(name: string, ...flags: string[]) {
  const out = join(dir, name);
  const run = await cli(['audit', schoolsFile, '--as-of', AS_OF, '--out', out, ...flags], { timeoutMs: 300_000 });
  const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as AuditResults;
  const crawl = JSON.parse(gunzipSync(await readFile(join(out, 'crawl.json.gz'))).toString('utf8')) as CrawlFile;
  const school = (id: string) => results.schools.find((s) => s.id === id)!;
  return { out, run, results, crawl, school };
}

const statuses = (s: SchoolResult) => Object.fromEntries(s.sections.map((x) => [x.id, x.status]));

describe('auto mode: the single-page app is rendered and judged like its static twin', () => {
  let r: Awaited<ReturnType<typeof audit>>;
  beforeAll(async () => {
    r = await audit('auto');
  }, 320_000);

  it('gives every section of the SPA the status of its static twin', () => {
    expect(r.run.stderr).not.toMatch(/run failed/);
    expect(statuses(r.school(SPA))).toEqual(statuses(r.school(TWIN)));
    expect(r.school(TWIN).summary.fail).toBe(0);
    expect(r.run.code).toBe(0);
  });

  it('rendered the SPA pages in Chromium (and no page of the static twin)', () => {
    const pages = (id: string) => r.crawl.schools.find((s) => s.school.id === id)!.pages;
    const spa = pages(SPA).filter((p) => !p.error);
    expect(spa.length).toBeGreaterThan(25);
    expect(spa.every((p) => p.rendered && p.needsRender)).toBe(true);
    expect(pages(TWIN).some((p) => p.rendered)).toBe(false);
    expect(r.school(SPA).pages.filter((p) => p.rendered).length).toBe(spa.length);
    // The JavaScript ticker was seen moving; the "Xem thêm" button was clicked (all 15 videos).
    const home = pages(SPA).find((p) => p.url === r.crawl.schools.find((s) => s.school.id === SPA)!.homeUrl)!;
    expect(home.tickers.some((t) => t.kind === 'js')).toBe(true);
  });

  it('saves screenshots of the home page and the sections, links them from the JSON and the workbook', async () => {
    for (const id of [TWIN, SPA]) {
      const s = r.school(id);
      expect(s.screenshot?.file).toBe(`screenshots/${id}/home.jpg`);
      const mandatoryShown = s.sections.filter((x) => x.mandatory && x.screenshot);
      expect(mandatoryShown.length).toBeGreaterThan(15);
      for (const x of [s.screenshot!, ...mandatoryShown.map((m) => m.screenshot!)]) {
        const bytes = await readFile(join(r.out, x.file));
        expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // JPEG
        expect(bytes.length).toBeGreaterThan(5_000);
      }
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(r.out, `${SPA}.xlsx`));
    const sheet = wb.getWorksheet('Ảnh chụp')!;
    expect(sheet).toBeDefined();
    const links: string[] = [];
    sheet.eachRow((row) => {
      const v = row.getCell(6).value as { hyperlink?: string } | null;
      if (v && typeof v === 'object' && v.hyperlink) links.push(v.hyperlink);
    });
    expect(links[0]).toBe(`screenshots/${SPA}/home.jpg`);
    expect(links.length).toBeGreaterThan(15);
    for (const l of links) expect(existsSync(join(r.out, l))).toBe(true);
    expect(wb.model.media?.length ?? 0).toBeGreaterThanOrEqual(1); // the home page picture is embedded
  });

  it('links the same screenshots when the saved crawl is judged into another folder', async () => {
    const again = join(dir, 'judged-elsewhere');
    const j = await cli(['judge', join(r.out, 'crawl.json.gz'), '--as-of', AS_OF, '--out', again]);
    expect(j.stderr).not.toMatch(/run failed/);
    const res = JSON.parse(await readFile(join(again, 'results.json'), 'utf8')) as AuditResults;
    const shot = res.schools.find((s) => s.id === SPA)!.screenshot!.file;
    expect(shot).toBe(`../auto/screenshots/${SPA}/home.jpg`);
    expect(existsSync(join(again, shot))).toBe(true);
  });

  it('measures the layout of school-made sections at 1366 and 390 px', () => {
    const custom = r.school(SPA).sections.find((x) => x.id === 'khac-hoc-sinh')!;
    const layout = custom.findings.find((f) => f.check === 'layout')!;
    expect(layout.status).toBe('pass');
    expect(layout.message.en).toMatch(/1366, 390 px/);
  });
});

describe('--render never: what a plain HTTP crawl loses on a single-page app', () => {
  it('marks the SPA\'s sections unknown, saying the pages need a browser, and leaves the twin untouched', async () => {
    const r = await audit('never', '--render', 'never', '--no-screenshots');
    const spa = r.school(SPA);
    const lost = spa.sections.filter((x) => x.status === 'unknown');
    expect(lost.length).toBeGreaterThan(15);
    expect(lost[0]!.findings[0]!.check).toBe('render');
    expect(lost[0]!.findings[0]!.message.en).toMatch(/built by JavaScript .* not rendered by a browser \(.*--render never\)/);
    expect(spa.sections.some((x) => x.status === 'pass')).toBe(false);
    // The page index (results.json, the workbook's "Trang" sheet) says why the shell was not read.
    expect(spa.pages[0]!.note).toMatch(/app root .*--render never/i);
    expect(r.school(TWIN).summary.fail).toBe(0);
    expect(r.crawl.schools.flatMap((s) => s.pages).some((p) => p.rendered)).toBe(false);
    expect(existsSync(join(r.out, 'screenshots'))).toBe(false);
    expect(r.run.code).toBe(0); // unknown is not a failure: the exit code is unchanged
  }, 320_000);
});

describe('Chromium missing', () => {
  it('says once how to install it, goes on without rendering and marks what needed it unknown', async () => {
    const r = await audit('missing', '--chromium', join(dir, 'no-such-chromium'));
    const lines = r.run.stderr.split('\n').filter((l) => /apt-get install -y chromium/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no-such-chromium/);
    expect(r.school(SPA).sections.filter((x) => x.status === 'unknown').length).toBeGreaterThan(15);
    expect(r.school(TWIN).summary.fail).toBe(0);
    expect(r.run.code).toBe(0);
  }, 320_000);
});

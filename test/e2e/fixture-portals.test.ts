/**
 * The fixture portals audited end to end by the real CLI: every mandatory section of every portal
 * gets the status its expected.yaml writes down, at several audit instants (before and after a
 * Friday 16:00 deadline, in semester 2), and a dead URL in the list never spoils the others.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import { gunzipSync } from 'node:zlib';
import type { AuditResults, CrawlFile, SchoolResult } from '../../src/types.js';
import { cli } from './cli.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

interface Expected {
  sections: Record<string, { status: string; reason?: string; because?: string }>;
}

async function expectedOf(id: string): Promise<Expected> {
  return parse(await readFile(new URL(`${id}/expected.yaml`, FIXTURES), 'utf8')) as Expected;
}

/** "section: got X, expected Y (why) — findings" for every mismatch. */
function mismatches(school: SchoolResult, expected: Expected): string[] {
  const out: string[] = [];
  for (const [id, want] of Object.entries(expected.sections)) {
    const got = school.sections.find((s) => s.id === id);
    if (!got) {
      out.push(`${id}: missing from results`);
      continue;
    }
    if (got.status !== want.status) {
      const why = got.findings.filter((f) => f.status === got.status).map((f) => f.message.en);
      out.push(`${id}: got ${got.status}, expected ${want.status} (${want.reason ?? want.because ?? ''}) — ${why.join(' / ')}`);
    }
  }
  return out;
}

const ANCHORS = {
  'Friday 15:00, before the weekly deadline': '2026-10-30T15:00:00+07:00',
  'Saturday morning, after the deadline': '2026-10-31T09:30:00+07:00',
  'Wednesday in semester 2': '2027-01-27T10:00:00+07:00',
};

const FIRST = Object.values(ANCHORS)[0];

for (const [when, asOf] of Object.entries(ANCHORS)) {
  describe(`audit of the fixture portals — ${when}`, () => {
    let server: FixtureServer;
    let out: string;
    let results: AuditResults;
    let run: Awaited<ReturnType<typeof cli>>;

    beforeAll(async () => {
      server = await startFixtureServer({ anchor: parseInstant(asOf) });
      out = await mkdtemp(join(tmpdir(), 'pa-e2e-'));
      const schools = [
        ...server.portals.map((p) => ({ id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding })),
        { id: 'dead-school', name: 'Trường không truy cập được', url: server.deadUrl, level: 'TH' },
      ];
      await writeFile(join(out, 'schools.yaml'), JSON.stringify(schools));
      // Screenshots once (the first instant); the layout and pictures do not depend on the instant.
      const shots = asOf === FIRST ? [] : ['--no-screenshots'];
      run = await cli(['audit', join(out, 'schools.yaml'), '--as-of', asOf, '--out', out, ...shots], { timeoutMs: 420_000 });
      results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as AuditResults;
    }, 450_000);

    afterAll(async () => server?.close());

    it('exits 1 (findings at or above fail) and lists every school in schools.yaml order', () => {
      expect(run.stderr).not.toMatch(/run failed/);
      expect(run.code).toBe(1);
      expect(results.schools.map((s) => s.id)).toEqual([...server.portals.map((p) => p.id), 'dead-school']);
      expect(results.asOf).toBe(asOf);
    });

    it('reports the dead URL as unreachable while the others are audited', () => {
      const dead = results.schools.find((s) => s.id === 'dead-school')!;
      expect(dead.reachable).toBe(false);
      expect(dead.error).toMatch(/ECONNREFUSED|refused/i);
      for (const s of results.schools.filter((x) => x.id !== 'dead-school')) {
        expect(s.reachable).toBe(true);
        expect(s.pagesCrawled).toBeGreaterThan(15);
      }
    });

    it('sent requests to 127.0.0.1 only (pages and attachment probes of the saved crawl)', async () => {
      const crawl = JSON.parse(gunzipSync(await readFile(join(out, 'crawl.json.gz'))).toString('utf8')) as CrawlFile;
      const hosts = new Set(crawl.schools.flatMap((s) => [...s.pages.map((p) => p.finalUrl), ...s.attachments.map((a) => a.url)]).map((u) => new URL(u).hostname));
      expect([...hosts]).toEqual(['127.0.0.1']);
    });

    it('gives every section of every portal its expected status', async () => {
      const problems: string[] = [];
      for (const p of server.portals) {
        const school = results.schools.find((s) => s.id === p.id)!;
        for (const m of mismatches(school, await expectedOf(p.id))) problems.push(`${p.id} ${m}`);
      }
      expect(problems).toEqual([]);
    });

    it('writes a workbook per school and the district summary, readable by exceljs', async () => {
      for (const s of results.schools) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(join(out, `${s.id}.xlsx`));
        expect(wb.worksheets.length).toBeGreaterThanOrEqual(3);
      }
      const summary = new ExcelJS.Workbook();
      await summary.xlsx.readFile(join(out, 'summary.xlsx'));
      const text = JSON.stringify(summary.worksheets[0]!.getSheetValues());
      for (const s of results.schools) expect(text).toContain(s.id);
    });
  });
}

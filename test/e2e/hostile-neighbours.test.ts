/**
 * One bad school never spoils the others: a portal that answers binary garbage, one that is a trap of
 * endless calendar links, and a dead address sit in the same list as a real fixture portal.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/time.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { AuditResults } from '../../src/types.js';
import { cli } from './cli.js';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }));
  });
}

describe('a hostile list of schools', () => {
  let fixtures: FixtureServer;
  let garbage: { server: Server; url: string };
  let trap: { server: Server; url: string };
  let trapRequests = 0;
  let results: AuditResults;
  let code: number;

  beforeAll(async () => {
    const asOf = '2026-10-30T15:00:00+07:00';
    fixtures = await startFixtureServer({ anchor: parseInstant(asOf), portals: ['thcs-sen-hong'] });
    garbage = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)));
    });
    // Every calendar page links to the next day, forever.
    trap = await listen((req, res) => {
      trapRequests++;
      const day = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('d') ?? 0);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><head><title>Lịch ngày ${day}</title></head><body><h1>Lịch hoạt động</h1>
        <ul class="menu"><li><a href="/lich?d=${day + 1}">Ngày tiếp theo</a></li><li><a href="/lich/x${day}/y">Xem</a></li></ul></body></html>`);
    });
    const out = await mkdtemp(join(tmpdir(), 'pa-hostile-'));
    const p = fixtures.portals[0]!;
    await writeFile(
      join(out, 'schools.yaml'),
      JSON.stringify([
        { id: 'garbage', name: 'Rác', url: garbage.url, level: 'TH' },
        { id: 'trap', name: 'Bẫy lịch', url: trap.url, level: 'TH', maxPages: 40 },
        { id: 'dead', name: 'Chết', url: fixtures.deadUrl, level: 'TH' },
        { id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding },
      ]),
    );
    const run = await cli(['audit', join(out, 'schools.yaml'), '--as-of', asOf, '--out', out]);
    code = run.code;
    results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as AuditResults;
  }, 180_000);

  afterAll(async () => {
    await fixtures?.close();
    garbage?.server.close();
    trap?.server.close();
  });

  it('finishes with exit code 1 and a result for every school', () => {
    expect(code).toBe(1);
    expect(results.schools.map((s) => s.id)).toEqual(['garbage', 'trap', 'dead', 'thcs-sen-hong']);
  });

  it('stops the endless calendar early, well before its page limit, and names the trap', () => {
    const t = results.schools.find((s) => s.id === 'trap')!;
    expect(t.reachable).toBe(true);
    expect(t.pagesCrawled).toBeLessThan(40);
    expect(trapRequests).toBeLessThan(40);
    const trapIssue = t.crawlIssues.find((i) => i.kind === 'trap');
    expect(trapIssue?.message.vi).toMatch(/Bẫy liên kết vô tận/);
    expect(trapIssue?.urls.some((u) => u.includes('/lich?d='))).toBe(true);
  });

  it('says why the garbage portal and the dead one could not be judged', () => {
    const g = results.schools.find((s) => s.id === 'garbage')!;
    expect(g.reachable).toBe(false);
    expect(g.error).toMatch(/not an HTML document/);
    expect(results.schools.find((s) => s.id === 'dead')!.error).toMatch(/ECONNREFUSED/);
  });

  it('leaves the neighbour portal\'s results untouched: compliant, no fail', () => {
    const ok = results.schools.find((s) => s.id === 'thcs-sen-hong')!;
    expect(ok.summary.fail).toBe(0);
    expect(ok.summary.pass).toBeGreaterThan(20);
  });
});

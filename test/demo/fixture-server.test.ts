import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type FixtureServer, listFixturePortals, startFixtureServer } from '../../src/demo/fixture-server.js';
import { loadPortal } from '../../src/demo/fixture-portal.js';

const ANCHOR = new Date('2026-10-30T17:00:00+07:00');

let server: FixtureServer;
let qi: string; // thcs-sen-hong
let vt: string; // th-hoa-ban

beforeAll(async () => {
  server = await startFixtureServer({ anchor: ANCHOR, portals: ['thcs-sen-hong', 'th-hoa-ban'] });
  qi = server.portals.find((p) => p.id === 'thcs-sen-hong')!.url;
  vt = server.portals.find((p) => p.id === 'th-hoa-ban')!.url;
});
afterAll(async () => {
  await server?.close();
});

const get = (url: string, init: RequestInit = {}) => fetch(url, { redirect: 'manual', ...init });

describe('the fixture server', () => {
  it('serves each portal as its own site on 127.0.0.1 with the facts of its portal.yaml', () => {
    expect(server.portals.map((p) => p.id)).toEqual(['thcs-sen-hong', 'th-hoa-ban']);
    expect(new URL(qi).hostname).toBe('127.0.0.1');
    expect(new URL(qi).port).not.toBe(new URL(vt).port);
    expect(server.portals[0]).toMatchObject({ name: 'Trường THCS Sen Hồng', level: 'THCS', boarding: true, platform: 'qi' });
    expect(server.portals[1]).toMatchObject({ name: 'Trường Tiểu học Hoa Ban', level: 'TH', boarding: true, platform: 'viettel' });
    expect(server.anchor).toBe(ANCHOR);
  });

  it('serves the QI home page as UTF-8 HTML with a Last-Modified relative to the anchor', async () => {
    const res = await get(qi);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // lastModified: now -1@15:00 → Thursday 29/10/2026 15:00 in Hà Nội
    expect(res.headers.get('last-modified')).toBe('Thu, 29 Oct 2026 08:00:00 GMT');
    const html = await res.text();
    expect(html).toContain('<div class="qiChuChay"><div class="scrolling-text"><span>');
    expect(html).toContain('NĂM HỌC MỚI 2026-2027');
  });

  it('applies redirects from routes.yaml', async () => {
    const moved = await get(`${qi}trang-chu`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/');
    const temporary = await get(`${qi}Default.aspx`);
    expect(temporary.status).toBe(302);
    const viettelRoot = await get(vt);
    expect(viettelRoot.status).toBe(301);
    expect(viettelRoot.headers.get('location')).toBe('/index.html');
    expect((await fetch(vt)).url).toBe(`${vt}index.html`);
  });

  it('answers 404 for any path it does not list', async () => {
    for (const url of [`${qi}khong-co-trang-nay`, `${qi}hoat-dong-chung/c/99999`, `${vt}robots.txt`, `${vt}upload/63921/khac/tai-lieu.pdf`]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('Không tìm thấy trang');
    }
  });

  it('serves robots.txt, sitemap.xml and RSS with their own content types and absolute local URLs', async () => {
    const robots = await get(`${qi}robots.txt`);
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await robots.text()).toContain('Disallow: /Timkiem');
    const sitemap = await get(`${qi}sitemap.xml`);
    expect(sitemap.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await sitemap.text();
    expect(xml).toContain(`<loc>${qi}gioi-thieu/c/21001</loc>`);
    expect(xml).toContain('<lastmod>2026-08-16T09:00:00+07:00</lastmod>');
    const rss = await get(`${qi}rss`);
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  });

  it('generates listed PDFs and any picture under an images folder', async () => {
    const pdf = await get(`${qi}upload/senhong/vanban/215-kh-thcssh.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const jpg = await get(`${vt}upload/63921/album/the-thao/anh-03.jpg`);
    expect(jpg.headers.get('content-type')).toBe('image/jpeg');
    expect([...Buffer.from(await jpg.arrayBuffer()).subarray(0, 2)]).toEqual([0xff, 0xd8]);
    const png = await get(`${qi}Images/rss.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await get(`${qi}Khac/anh.png`)).status).toBe(404);
  });

  it('serves the QI PDF viewer for any query string', async () => {
    const res = await get(`${qi}ViewFilePdf?urlpdf=/upload/senhong/vanban/12-tb-thcssh.pdf&urlgoc=x`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<embed type="application/pdf" src="/upload/senhong/vanban/12-tb-thcssh.pdf" />');
  });

  it('answers HEAD with the headers only and refuses other methods', async () => {
    const head = await get(qi, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');
    expect((await get(qi, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('gives a dead URL where connections are refused', async () => {
    expect(server.deadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const err = await fetch(server.deadUrl).then(
      () => null,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(err?.cause?.code).toBe('ECONNREFUSED');
  });

  it('lists the portals of the fixtures folder', async () => {
    const infos = await listFixturePortals();
    const ids = infos.map((i) => i.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['thcs-sen-hong', 'th-hoa-ban']));
    expect(infos.find((i) => i.id === 'th-hoa-ban')).toMatchObject({ level: 'TH', boarding: true, charset: 'utf-8' });
  });

  it('follows the clock when no anchor is given', async () => {
    const before = Date.now();
    const live = await startFixtureServer({ portals: ['th-hoa-ban'] });
    try {
      expect(live.anchor.getTime()).toBeGreaterThanOrEqual(before);
      expect(live.anchor.getTime()).toBeLessThanOrEqual(Date.now());
      expect((await fetch(live.portals[0]!.url)).status).toBe(200);
    } finally {
      await live.close();
    }
  });
});

describe('portals of our own making (temporary fixtures folder)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fixtures-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writePortal(id: string, files: Record<string, string>): Promise<string> {
    const root = path.join(dir, id);
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), text);
    }
    return root;
  }
  const portalYaml = (id: string, charset = 'utf-8') =>
    `id: ${id}\nname: Trường Mầm non Thử\nlevel: MN\nboarding: true\nplatform: test\ncharset: ${charset}\ndescription: thử nghiệm\n`;

  it('encodes a windows-1258 portal and says so in Content-Type', async () => {
    await writePortal('mn-cp1258', {
      'portal.yaml': portalYaml('mn-cp1258', 'windows-1258'),
      'routes.yaml': '/: home.html\n',
      'templates/home.html': '<meta charset="windows-1258"><h1>Trường Mầm non Thử – Thực đơn tuần {{week due}}</h1>',
    });
    const s = await startFixtureServer({ fixturesDir: dir, portals: ['mn-cp1258'], anchor: ANCHOR });
    try {
      const res = await fetch(s.portals[0]!.url);
      expect(res.headers.get('content-type')).toBe('text/html; charset=windows-1258');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.includes(Buffer.from('Trường', 'utf8'))).toBe(false);
      expect(new TextDecoder('windows-1258').decode(bytes).normalize('NFC')).toContain('Trường Mầm non Thử – Thực đơn tuần 10');
    } finally {
      await s.close();
    }
  });

  it('names the file, line and field of a bad routes.yaml', async () => {
    const root = await writePortal('bad-routes', {
      'portal.yaml': portalYaml('bad-routes'),
      'routes.yaml': '/: home.html\n/x:\n  template: home.html\n  stauts: 404\n',
      'templates/home.html': 'ok',
    });
    await expect(loadPortal(root)).rejects.toThrow(/routes\.yaml:4: \/x: Unrecognized key: "stauts"/);
  });

  it('names the template and line of a bad tag', async () => {
    const root = await writePortal('bad-tag', {
      'portal.yaml': portalYaml('bad-tag'),
      'routes.yaml': '/: home.html\n',
      'templates/home.html': '<p>\n{{date yesterday -1}}</p>',
    });
    await expect(loadPortal(root)).rejects.toThrow(/bad-tag\/templates\/home\.html:2: unknown date base/);
  });

  it('answers 500 with the reason when a page cannot be rendered', async () => {
    await writePortal('broken-page', {
      'portal.yaml': portalYaml('broken-page'),
      'routes.yaml': '/: home.html\n',
      'templates/home.html': '{{var missing}}',
    });
    const s = await startFixtureServer({ fixturesDir: dir, portals: ['broken-page'], anchor: ANCHOR });
    const stderr = process.stderr.write;
    process.stderr.write = () => true; // the server reports fixture bugs on stderr too
    try {
      const res = await fetch(s.portals[0]!.url);
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('no route var "missing"');
    } finally {
      process.stderr.write = stderr;
      await s.close();
    }
  });

  it('refuses an unknown portal id', async () => {
    await expect(startFixtureServer({ fixturesDir: dir, portals: ['khong-co'] })).rejects.toThrow(/no fixture portal "khong-co"/);
  });
});

describe('a broken attachment listed on purpose', () => {
  it('answers the portal\'s 404 page, not a PDF body', async () => {
    const { answer } = await import('../../src/demo/fixture-server.js');
    const { loadPortal, defaultFixturesDir } = await import('../../src/demo/fixture-portal.js');
    const portal = await loadPortal(`${defaultFixturesDir()}/th-ngoc-thuy`);
    const reply = answer(portal, '/uploads/laws/56-kh-thnt.pdf', new Date('2026-10-30T08:00:00Z'));
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.body.subarray(0, 5).toString()).not.toBe('%PDF-');
  });
});

import { describe, expect, it } from 'vitest';
import { page, redirect, school, type Reply } from './helpers/portal-server.js';
import { closeAfterEach, crawler, portal } from './helpers/session.js';

closeAfterEach();

function pdf(size = 2_000): Reply {
  return { headers: { 'content-type': 'application/pdf' }, body: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size, 0x20)]) };
}

describe('attachment probes', () => {
  it('checks a PDF with HEAD only and never parses it', async () => {
    const site = await portal({
      '/': page('Văn bản - Công văn', ['/upload/63377/12-ct-ubnd.pdf']),
      '/upload/63377/12-ct-ubnd.pdf': pdf(),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.attachments).toEqual([
      { url: site.url('/upload/63377/12-ct-ubnd.pdf'), status: 200, contentType: 'application/pdf', ok: true },
    ]);
    expect(site.count('/upload/63377/12-ct-ubnd.pdf', 'HEAD')).toBe(1);
    expect(site.count('/upload/63377/12-ct-ubnd.pdf', 'GET')).toBe(0);
    expect(crawl.pages.map((p) => p.url)).toEqual([site.url('/')]);
  });

  it('records a missing attachment (404) as not ok, with the status and a bilingual reason', async () => {
    const site = await portal({ '/': page('Công khai', ['/upload/ba-cong-khai-2025-2026.docx']) });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.attachments).toHaveLength(1);
    expect(crawl.attachments[0]).toMatchObject({ status: 404, ok: false });
    expect(crawl.attachments[0]!.error).toMatch(/Tệp đính kèm trả về lỗi HTTP 404 \/ Attachment answered HTTP 404/);
    expect(crawl.stats.errors).toBe(0); // a broken file is a finding about a section, not a crawl error
  });

  it('falls back to a GET stopped after the headers when the server refuses HEAD (405)', async () => {
    const big = pdf(2_000_000);
    const site = await portal({
      '/': page('Văn bản', ['/tai-lieu/ke-hoach-nam-hoc.pdf']),
      '/tai-lieu/ke-hoach-nam-hoc.pdf': (req) => (req.method === 'HEAD' ? { status: 405, body: '' } : big),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.attachments).toEqual([
      { url: site.url('/tai-lieu/ke-hoach-nam-hoc.pdf'), status: 200, contentType: 'application/pdf', ok: true },
    ]);
    expect(site.requests.filter((r) => r.path === '/tai-lieu/ke-hoach-nam-hoc.pdf').map((r) => r.method)).toEqual(['HEAD', 'GET']);
    expect(crawl.stats.bytes).toBeLessThan(100_000); // the file was not downloaded into the crawl
  });

  it('says an attachment is not ok when its URL answers with an HTML page', async () => {
    const site = await portal({
      '/': page('Thực đơn', ['/upload/thuc-don-tuan-3.docx']),
      '/upload/thuc-don-tuan-3.docx': page('Trang không tồn tại'),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.attachments[0]).toMatchObject({ status: 200, ok: false });
    expect(crawl.attachments[0]!.error).toMatch(/HTML page, not a file/);
  });

  it('probes each attachment once and no more than the per-school budget', async () => {
    const site = await portal({
      '/': page('Văn bản', ['/f/1.pdf', '/f/1.pdf#page=2', '/f/1.pdf?utm_source=zalo', '/vb']),
      '/vb': page('Văn bản trường', ['/f/1.pdf', '/f/2.xlsx', '/f/3.pptx', '/f/4.zip']),
      '/f/1.pdf': pdf(),
      '/f/2.xlsx': pdf(),
      '/f/3.pptx': pdf(),
      '/f/4.zip': pdf(),
    });
    const crawl = await crawler({ maxAttachmentProbes: 3 }).crawlSchool(school(site.url('/')));
    expect(site.count('/f/1.pdf')).toBe(1);
    expect(crawl.attachments.map((a) => new URL(a.url).pathname)).toEqual(['/f/1.pdf', '/f/2.xlsx', '/f/3.pptx']);
    expect(site.requests.filter((r) => r.path.startsWith('/f/'))).toHaveLength(3);
  });

  it('probes attachments on another host and follows their redirects', async () => {
    const files = await portal({ '/data/doc/2026/thuc-don.pdf': pdf(), '/old/thuc-don.pdf': redirect('/data/doc/2026/thuc-don.pdf') });
    const site = await portal({ '/': page('Thực đơn', [files.url('/old/thuc-don.pdf')]) });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.attachments).toEqual([{ url: files.url('/old/thuc-don.pdf'), status: 200, contentType: 'application/pdf', ok: true }]);
    expect(files.requests.map((r) => [r.method, r.path])).toEqual([
      ['HEAD', '/old/thuc-don.pdf'],
      ['HEAD', '/data/doc/2026/thuc-don.pdf'],
    ]);
  });

  it('treats a page link that answers with a file as an attachment, not a page', async () => {
    const site = await portal({
      '/': page('Văn bản', ['/DownloadFile.aspx?id=5']),
      '/DownloadFile.aspx?id=5': pdf(500_000),
    });
    const crawl = await crawler().crawlSchool(school(site.url('/')));
    expect(crawl.pages.map((p) => p.url)).toEqual([site.url('/')]);
    expect(crawl.attachments).toEqual([
      { url: site.url('/DownloadFile.aspx?id=5'), status: 200, contentType: 'application/pdf', ok: true },
    ]);
    expect(site.count('/DownloadFile.aspx?id=5')).toBe(1);
    expect(crawl.stats.bytes).toBeLessThan(100_000);
  });

  it('makes no probe when the budget is 0', async () => {
    const site = await portal({ '/': page('Văn bản', ['/f/1.pdf']), '/f/1.pdf': pdf() });
    const crawl = await crawler({ maxAttachmentProbes: 0 }).crawlSchool(school(site.url('/')));
    expect(crawl.attachments).toEqual([]);
    expect(site.count('/f/1.pdf')).toBe(0);
  });
});

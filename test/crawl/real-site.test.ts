/**
 * Crawls the HTTrack copy of a real Viettel-platform portal (Trường Tiểu học Đình Bảng 2,
 * test/data/real-sites/thdinhbang2) served from 127.0.0.1. Facts asserted come from the folder's
 * README: 14 copied pages reachable from index.html through menus and lists, all links relative,
 * menu entries that point to pages not copied answer 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrawler } from '../../src/crawl/crawler.js';
import type { SchoolCrawl } from '../../src/types.js';
import { school, startPortal, type Portal } from './helpers/portal-server.js';
import { serveMirror } from '../helpers/mirror.js';

const COPIED = [
  '/index.html',
  '/gioi-thieu.html',
  '/co-cau-to-chuc.html',
  '/co-cau-to-chuc/ban-giam-hieu.html',
  '/co-cau-to-chuc/ban-giam-hieu/nguyen-thi-du.html',
  '/co-cau-to-chuc/ban-giam-hieu/pham-thi-thanh-huyen.html',
  '/co-cau-to-chuc/to-hanh-chinh.html',
  '/co-cau-to-chuc/to-hanh-chinh/vu-thi-nhan.html',
  '/co-cau-to-chuc/to-van-phong.html',
  '/van-ban-cong-van.html',
  '/van-ban-cong-van/van-ban/chi-thi-ve-viec-thuc-hien-nhiem-vu-trong-tam-nam-hoc-2017-20.html',
  '/tin-tuc-su-kien/hoat-dong-chuyen-mon.html',
  '/tin-tuc-su-kien/hoat-dong-chuyen-mon/doi-moi-giang-day-tieng-anh-o-truong-tieu-hoc-dinh-bang-2.html',
  '/lien-he.html',
].sort();

describe('crawling the copy of a real school portal (TH Đình Bảng 2, Viettel platform)', () => {
  let site: Portal;
  let crawl: SchoolCrawl;

  beforeAll(async () => {
    site = await startPortal({}, { fallback: serveMirror });
    const crawler = createCrawler({ timeoutMs: 10_000, maxAttachmentProbes: 0 }); // its files link to live hosts
    try {
      crawl = await crawler.crawlSchool(school(site.url('/index.html'), { id: 'th-dinh-bang-2', level: 'TH' }));
    } finally {
      await crawler.close();
    }
  });
  afterAll(() => site.close());

  const path = (url: string): string => new URL(url).pathname + new URL(url).search;

  it('reaches all 14 copied pages through the menus and lists', () => {
    expect(crawl.reachable).toBe(true);
    expect(crawl.homeUrl).toBe(site.url('/index.html'));
    const read = crawl.pages.filter((p) => p.status === 200).map((p) => path(p.url)).sort();
    expect(read).toEqual(COPIED);
  });

  it('decodes the Vietnamese titles (charset from the meta tag)', () => {
    const title = (p: string): string | undefined => crawl.pages.find((x) => path(x.url) === p)?.title;
    expect(title('/index.html')).toBe('Trường Tiểu học Đình Bảng 2');
    expect(title('/co-cau-to-chuc/ban-giam-hieu/nguyen-thi-du.html')).toBe('Nguyễn Thị Du');
    expect(title('/van-ban-cong-van/van-ban/chi-thi-ve-viec-thuc-hien-nhiem-vu-trong-tam-nam-hoc-2017-20.html')).toBe(
      'Chỉ thị về việc thực hiện nhiệm vụ trọng tâm năm học ...',
    );
  });

  it('records menu entries whose pages were not copied as 404 pages', () => {
    const status = (p: string): number | undefined => crawl.pages.find((x) => path(x.url) === p)?.status;
    expect(status('/co-cau-to-chuc/so-do-to-chuc.html')).toBe(404);
    expect(status('/ke-hoach-giao-duc/thoi-khoa-bieu.html')).toBe(404);
    expect(status('/tin-tuc-su-kien/tin-tuc-tu-phong.html')).toBe(404);
    expect(crawl.stats.errors).toBe(crawl.pages.filter((p) => p.status === 404).length);
  });

  it('fetches every page once and never the HTTrack login query page', () => {
    const gets = site.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(new Set(gets).size).toBe(gets.length);
    expect(gets).not.toContain('/index6f31.html?page=login');
    expect(crawl.stats.pageLimitReached).toBe(false);
  });

  it('keeps the links relative to each page folder (HTTrack ../ paths)', () => {
    const staff = crawl.pages.find((p) => path(p.url) === '/co-cau-to-chuc/ban-giam-hieu.html')!;
    expect(staff.links.map((l) => path(l.url))).toContain('/co-cau-to-chuc/ban-giam-hieu/nguyen-thi-du.html');
    expect(staff.depth).toBeGreaterThanOrEqual(1);
  });
});

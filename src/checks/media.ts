/**
 * III.3 Album ảnh and III.4 Video: photos grouped into albums; playable videos; at least one
 * video a month over the current school year.
 */
import { z } from 'zod';
import { schoolYearAt } from '../calendar/time.js';
import { defineCheck, finding, listSome, say } from './check.js';
import { describeItem, evidenceUrls, itemDate } from './evidence.js';

const messages = {
  albums: { vi: 'Có {count} album có ảnh.', en: '{count} album(s) with photos.' },
  fewAlbums: {
    vi: 'Chỉ có {count} album có ảnh (cần tối thiểu {min}, ảnh phải được phân theo album); đã đọc {pages} trang, {items} mục: {list}.',
    en: 'Only {count} album(s) with photos ({min} needed; photos must be grouped into albums); read {pages} page(s), {items} item(s): {list}.',
  },
  videos: { vi: 'Có {count} video phát được.', en: '{count} playable video(s).' },
  noVideo: {
    vi: 'Không có video phát được (trình phát, YouTube/Facebook nhúng hoặc tệp video) trong {pages} trang và {items} mục đã đọc.',
    en: 'No playable video (player, embedded YouTube/Facebook or a video file) in the {pages} page(s) and {items} item(s) read.',
  },
  months: { vi: 'Có video trong mọi tháng của năm học {year} đến nay.', en: 'A video in every month of school year {year} so far.' },
  monthsMissing: {
    vi: 'Các tháng không có video (yêu cầu tối thiểu 01 video/tháng): {months}.',
    en: 'Months without a video (at least one a month is required): {months}.',
  },
};

export const albums = defineCheck({
  id: 'albums',
  description: { vi: 'Ảnh được phân theo album (tối thiểu N album)', en: 'Photos grouped into albums (at least N)' },
  params: z.object({ minAlbums: z.number().int().min(1).default(2) }).strict(),
  run(ev, params) {
    if (!ev.pages.length) return { findings: [] };
    const withPhotos = ev.items.filter((i) => i.images > 0);
    const list = ev.items.length ? listSome(ev.items.map((i) => `${describeItem(i)}: ${i.images}`)) : { vi: 'không có mục nào', en: 'none' };
    const vars = { count: withPhotos.length, min: params.minAlbums, pages: ev.pages.length, items: ev.items.length, list };
    const ok = withPhotos.length >= params.minAlbums;
    return {
      findings: [finding('albums', ok ? 'pass' : 'fail', say(ok ? messages.albums : messages.fewAlbums, vars), evidenceUrls(ev, withPhotos))],
    };
  },
});

export const videos = defineCheck({
  id: 'videos',
  description: { vi: 'Có video phát được', en: 'Has playable videos' },
  params: z.object({}).strict(),
  run(ev) {
    if (!ev.pages.length) return { findings: [] };
    const sources = new Set<string>();
    for (const p of ev.facts) for (const v of p.videos) sources.add(v.src);
    for (const i of ev.items) for (const v of i.videos) sources.add(v.src);
    const withVideo = ev.items.filter((i) => i.videos.length > 0);
    return {
      findings: [
        sources.size
          ? finding('videos', 'pass', say(messages.videos, { count: sources.size }), evidenceUrls(ev, withVideo))
          : finding('videos', 'fail', say(messages.noVideo, { pages: ev.pages.length, items: ev.items.length }), evidenceUrls(ev)),
      ],
    };
  },
});

const MONTH = (ym: string) => `${ym.slice(5, 7)}/${ym.slice(0, 4)}`;

export const monthlyCoverage = defineCheck({
  id: 'monthly-coverage',
  description: { vi: 'Tối thiểu 01 mục mỗi tháng của năm học', en: 'At least one item in every month of the school year' },
  params: z.object({ status: z.enum(['warn', 'fail']).default('warn') }).strict(),
  run(ev, params, ctx) {
    if (!ev.items.length) return { findings: [] };
    const year = schoolYearAt(ctx.today, ctx.pack.settings.schoolYear);
    // Months fully elapsed since the school year began (the current month is judged by freshness).
    const months: string[] = [];
    for (let ym = year.start.slice(0, 7); ym < ctx.today.slice(0, 7); ) {
      months.push(ym);
      const [y, m] = ym.split('-').map(Number) as [number, number];
      ym = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    }
    if (!months.length) return { findings: [] };
    const covered = new Set(ev.items.map((i) => itemDate(i, ctx.today)?.slice(0, 7)).filter(Boolean));
    const missing = months.filter((m) => !covered.has(m));
    return {
      findings: [
        missing.length
          ? finding('monthly-coverage', params.status, say(messages.monthsMissing, { months: missing.map(MONTH).join(', ') }), evidenceUrls(ev))
          : finding('monthly-coverage', 'pass', say(messages.months, { year: year.label }), evidenceUrls(ev)),
      ],
    };
  },
});

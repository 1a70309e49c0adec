/**
 * I.1 Giới thiệu nhà trường: about one A4 page covering four topics with a photo, and reviewed
 * at least once a year before the school year starts.
 */
import { z } from 'zod';
import { schoolYearAt } from '../calendar/time.js';
import { containsWords, normaliseVi } from '../normalise.js';
import { bilingualSchema } from '../rules/schema.js';
import type { PageFacts, SectionEvidence } from '../types.js';
import { defineCheck, finding, joinLabels, say, type CheckOutcome } from './check.js';
import { vnDate } from './evidence.js';

const messages = {
  length: { vi: 'Bài giới thiệu có {words} từ (đạt, ≥ {min}).', en: 'The introduction has {words} words (≥ {min}).' },
  short: {
    vi: 'Bài giới thiệu chỉ có {words} từ, chưa đủ khoảng 01 trang A4 (≥ {min} từ).',
    en: 'The introduction has only {words} words, less than one A4 page (≥ {min}).',
  },
  topics: { vi: 'Có đủ các nội dung: {topics}.', en: 'Covers all topics: {topics}.' },
  topicsMissing: { vi: 'Bài giới thiệu thiếu nội dung: {missing}.', en: 'The introduction lacks: {missing}.' },
  image: { vi: 'Có {count} ảnh trong bài.', en: '{count} photo(s) in the article.' },
  noImage: { vi: 'Bài giới thiệu không có hình ảnh đại diện của nhà trường.', en: 'The introduction has no photo of the school.' },
  notNamed: {
    vi: 'Bài giới thiệu không nhắc tên trường "{name}": có thể là nội dung mẫu của nền tảng chưa được thay.',
    en: 'The introduction does not name the school "{name}": possibly the platform\'s placeholder text.',
  },
  reviewed: { vi: 'Rà soát gần nhất {date} (đạt: từ {since} trước năm học {year}).', en: 'Last reviewed {date} (needed: since {since}, before school year {year}).' },
  notReviewed: {
    vi: 'Bài giới thiệu cập nhật lần cuối {date}, chưa được rà soát trước năm học {year} (cần từ {since}).',
    en: 'The introduction was last updated {date}, not reviewed before school year {year} (needed since {since}).',
  },
  noDate: { vi: 'Bài giới thiệu không ghi ngày đăng/cập nhật: cần kiểm tra thủ công.', en: 'The introduction shows no date: check by hand.' },
  notRead: {
    vi: 'Chưa đọc được bài giới thiệu (đã chạm giới hạn số trang): cần kiểm tra thủ công hoặc tăng --max-pages.',
    en: 'The introduction article was not read (page limit reached): check by hand or raise --max-pages.',
  },
};

/** The article of the section: the assigned page with the most words. */
export function introPage(ev: SectionEvidence): PageFacts | undefined {
  return [...ev.facts].sort((a, b) => b.wordCount - a.wordCount)[0];
}

const topicSchema = z.object({ id: z.string(), label: bilingualSchema, keywords: z.array(z.string()).min(1) }).strict();

/**
 * Words of a school's name that identify it: "Trường THCS Sen Hồng" → "sen hong". A note in brackets
 * ("Trường TH Hoa Sữa (cơ sở 2)") is the list's, not the school's name.
 */
export function schoolNameCore(name: string): string {
  return normaliseVi(name.replace(/\s*[([][^)\]]*[)\]]\s*$/, ''))
    .replace(/^(truong\s+)?/, '')
    .replace(/^(mam non|mau giao|tieu hoc|trung hoc co so|trung hoc pho thong|thcs|thpt|th|mn|th thcs|thcs thpt|lien cap)\s+/, '')
    .trim();
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export const intro = defineCheck({
  id: 'intro',
  description: { vi: 'Độ dài, 4 nội dung bắt buộc và ảnh của bài giới thiệu', en: 'Length, the four topics and a photo' },
  params: z
    .object({
      minWords: z.number().int().min(1).default(300),
      minImages: z.number().int().min(0).default(1),
      topics: z.array(topicSchema).default([]),
    })
    .strict(),
  run(ev, params, ctx): CheckOutcome {
    const page = introPage(ev);
    if (!page) return { findings: [] };
    const ev1 = [page.url];
    const findings = [];
    const words = page.wordCount;
    // A category page whose article the page limit kept us from reading: do not judge a teaser.
    const unread = page.lists.flatMap((l) => l.items).filter((i) => i.url && !ctx.site.page(i.url));
    if (words < params.minWords && ctx.site.pageLimitReached && unread.length)
      return { findings: [finding('intro', 'unknown', messages.notRead, [page.url, ...unread.map((i) => i.url!)])] };
    findings.push(
      finding('intro', words >= params.minWords ? 'pass' : 'fail', say(words >= params.minWords ? messages.length : messages.short, { words, min: params.minWords }), ev1),
    );
    const text = normaliseVi(page.text);
    const missing = params.topics.filter((t) => !t.keywords.some((k) => containsWords(text, normaliseVi(k))));
    const join = (ts: typeof params.topics) => joinLabels(ts.map((t) => t.label), '; ');
    if (params.topics.length)
      findings.push(
        missing.length
          ? finding('intro', 'fail', say(messages.topicsMissing, { missing: join(missing) }), ev1)
          : finding('intro', 'pass', say(messages.topics, { topics: join(params.topics) }), ev1),
      );
    const images = page.images.filter((i) => i.inContent).length;
    if (params.minImages > 0)
      findings.push(
        images >= params.minImages
          ? finding('intro', 'pass', say(messages.image, { count: images }), ev1)
          : finding('intro', 'fail', messages.noImage, ev1),
      );
    // Only a real school name can be looked for (`check URL` without --name uses the host).
    const core = schoolNameCore(ctx.school.name);
    const named = core && ctx.school.name !== hostOf(ctx.school.url);
    if (named && words > 0 && !containsWords(text, core))
      findings.push(finding('intro', 'warn', say(messages.notNamed, { name: ctx.school.name }), ev1));
    return { findings };
  },
});

export const annualReview = defineCheck({
  id: 'annual-review',
  description: { vi: 'Rà soát tối thiểu 01 lần/năm trước năm học mới', en: 'Reviewed at least once a year before the school year' },
  params: z
    .object({ notBefore: z.string().regex(/^\d{2}-\d{2}$/).default('06-01'), status: z.enum(['warn', 'fail']).default('fail') })
    .strict(),
  run(ev, params, ctx): CheckOutcome {
    const page = introPage(ev);
    if (!page) return { findings: [] };
    const year = schoolYearAt(ctx.today, ctx.pack.settings.schoolYear);
    const since = `${year.startYear}-${params.notBefore}`;
    const dates = page.dates
      .filter((d) => d.source !== 'header' && (d.role === 'published' || d.role === 'updated') && d.date <= ctx.today)
      .map((d) => d.date)
      .sort();
    const latest = dates[dates.length - 1];
    if (!latest) return { findings: [finding('annual-review', 'unknown', messages.noDate, [page.url])] };
    const vars = { date: vnDate(latest), since: vnDate(since), year: year.label };
    const ok = latest >= since;
    return {
      latestDate: latest,
      findings: [finding('annual-review', ok ? 'pass' : params.status, say(ok ? messages.reviewed : messages.notReviewed, vars), [page.url], [latest])],
    };
  },
});

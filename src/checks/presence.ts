/**
 * Presence and the general rule "no empty section": the section exists and its page holds items.
 * Optional sections only report presence and never fail the school.
 */
import { z } from 'zod';
import type { SectionKind } from '../rules/schema.js';
import type { SectionEvidence } from '../types.js';
import { defineCheck, finding, say } from './check.js';
import { evidenceUrls } from './evidence.js';

const messages = {
  missing: { vi: 'Không tìm thấy chuyên mục "{label}" trên cổng.', en: 'Section "{labelEn}" not found on the portal.' },
  broken: {
    vi: 'Mục menu của chuyên mục "{label}" dẫn tới trang không mở được ({status}): {urls}.',
    en: 'The menu entry of section "{labelEn}" leads to a page that does not open ({status}): {urls}.',
  },
  missingLimit: {
    vi: 'Không tìm thấy chuyên mục "{label}" trong {pages} trang đã quét (đã chạm giới hạn số trang): cần kiểm tra thủ công.',
    en: 'Section "{labelEn}" not found in the {pages} pages crawled (page limit reached): check by hand.',
  },
  absentOptional: { vi: 'Không có chuyên mục (không bắt buộc).', en: 'Not present (optional section).' },
  empty: { vi: 'Chuyên mục "{label}" có nhưng trống (không có nội dung/bài viết).', en: 'Section "{labelEn}" exists but is empty.' },
  present: { vi: 'Có chuyên mục, {count} mục.', en: 'Section present with {count} item(s).' },
  presentArticle: { vi: 'Có chuyên mục ({words} từ).', en: 'Section present ({words} words).' },
};

/** How much the section holds, by its display kind; 0 means empty. */
export function contentCount(ev: SectionEvidence, kind: SectionKind): number {
  const pages = ev.facts;
  switch (kind) {
    case 'article':
      return Math.max(0, ...pages.map((p) => (p.wordCount >= 50 || p.people.length > 0 || p.images.some((i) => i.inContent) ? Math.max(p.wordCount, 1) : 0)));
    case 'album':
      return ev.items.filter((i) => i.images > 0).length || pages.reduce((n, p) => n + p.images.filter((i) => i.inContent).length, 0);
    case 'video':
      return ev.items.length + pages.reduce((n, p) => n + p.videos.length, 0);
    case 'audio':
      return ev.items.length + pages.reduce((n, p) => n + p.audio.length, 0);
    case 'table':
      // A timetable grid shown in place counts as content, as do files and pictures of one.
      return (
        ev.items.length +
        pages.reduce((n, p) => n + p.attachments.length + p.images.filter((i) => i.inContent).length + p.tables.filter((t) => t.rows.length >= 2).length, 0)
      );
    default:
      return ev.items.length;
  }
}

export const presence = defineCheck({
  id: 'presence',
  description: { vi: 'Có chuyên mục và chuyên mục không trống', en: 'The section exists and is not empty' },
  params: z.object({}).strict(),
  run(ev, _params, ctx) {
    const vars = { label: ctx.section.label.vi, labelEn: ctx.section.label.en };
    if (ev.pages.length === 0) {
      if (ev.broken.length) {
        const status = [...new Set(ev.broken.map((b) => (b.status ? `HTTP ${b.status}` : (b.error ?? '?'))))].join(', ');
        const urls = ev.broken.map((b) => b.url);
        return { findings: [finding('presence', ctx.mandatory ? 'fail' : 'warn', say(messages.broken, { ...vars, status, urls: urls.slice(0, 3).join(', ') }), urls)] };
      }
      if (!ctx.mandatory) return { findings: [finding('presence', 'n/a', messages.absentOptional)] };
      const home = ctx.site.home ? [ctx.site.home.url] : [];
      if (ctx.site.pageLimitReached)
        return { findings: [finding('presence', 'unknown', say(messages.missingLimit, { ...vars, pages: ctx.site.pageCount }), home)] };
      return { findings: [finding('presence', 'fail', say(messages.missing, vars), home)] };
    }
    const count = contentCount(ev, ctx.section.kind);
    if (count === 0)
      return { findings: [finding('presence', ctx.mandatory ? 'fail' : 'warn', say(messages.empty, vars), evidenceUrls(ev))] };
    const msg =
      ctx.section.kind === 'article' ? say(messages.presentArticle, { words: count }) : say(messages.present, { count });
    return { findings: [finding('presence', 'pass', msg, evidenceUrls(ev))] };
  },
});

/**
 * Presence and the general rule "no empty section": the section exists and its page holds items.
 * Optional sections only report presence and never fail the school.
 *
 * Absence is a finding, not a guess: when every entry of the home page's menus was read and none of
 * them (nor any other page read) is the section, the section is missing, whatever the page limit
 * cut further down; it is `unknown` only while an entry that could hold it was not read.
 */
import { z } from 'zod';
import type { SectionKind } from '../rules/schema.js';
import type { SectionEvidence } from '../types.js';
import { defineCheck, finding, say, type MenuEntry } from './check.js';
import { evidenceUrls } from './evidence.js';

const messages = {
  missing: {
    vi: 'Không có chuyên mục "{label}": đã đọc cả {entries} mục menu ({menu}) và {pages} trang, không trang nào là chuyên mục này.',
    en: 'No section "{labelEn}": all {entries} menu entries ({menu}) and {pages} pages were read, none of them is this section.',
  },
  missingNoMenu: {
    vi: 'Không có chuyên mục "{label}" trong {pages} trang đọc được (trang chủ không có menu để đối chiếu).',
    en: 'Section "{labelEn}" is not among the {pages} pages read (the home page shows no menu to go by).',
  },
  notRead: {
    vi: 'Chưa kết luận được: có liên kết tới chuyên mục "{label}" nhưng trang của liên kết chưa được đọc (đã đọc {pages} trang): {links}. Cần kiểm tra thủ công.',
    en: 'Cannot decide: links to section "{labelEn}" exist but their pages were not read ({pages} pages read): {links}. Check by hand.',
  },
  missingUnread: {
    vi: 'Không tìm thấy chuyên mục "{label}" trong {pages} trang đã đọc; {count} mục menu chưa đọc được ({menu}): cần kiểm tra thủ công.',
    en: 'Section "{labelEn}" not found in the {pages} pages read; {count} menu entries were not read ({menu}): check by hand.',
  },
  broken: {
    vi: 'Mục menu của chuyên mục "{label}" dẫn tới trang không mở được ({status}): {urls}.',
    en: 'The menu entry of section "{labelEn}" leads to a page that does not open ({status}): {urls}.',
  },
  missingLimit: {
    vi: 'Không tìm thấy chuyên mục "{label}" trong {pages} trang đã quét (đã chạm giới hạn số trang): cần kiểm tra thủ công.',
    en: 'Section "{labelEn}" not found in the {pages} pages crawled (page limit reached): check by hand.',
  },
  absentOptional: { vi: 'Không có chuyên mục (không bắt buộc).', en: 'Not present (optional section).' },
  empty: { vi: 'Chuyên mục "{label}" có nhưng trống (không có nội dung/bài viết): {urls}.', en: 'Section "{labelEn}" exists but is empty: {urls}.' },
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

/** "Giới thiệu, Tin tức, Văn bản … (+4)": the top-level labels of menu entries, for a message. */
function menuLabels(entries: MenuEntry[], max = 12): string {
  const tops = [...new Set(entries.map((e) => e.top).filter(Boolean))];
  return tops.length > max ? `${tops.slice(0, max).join(', ')} … (+${tops.length - max})` : tops.join(', ');
}

export const presence = defineCheck({
  id: 'presence',
  description: { vi: 'Có chuyên mục và chuyên mục không trống', en: 'The section exists and is not empty' },
  params: z.object({}).strict(),
  run(ev, _params, ctx) {
    const vars = { label: ctx.section.label.vi, labelEn: ctx.section.label.en };
    // A menu entry that names the section better than any page read: its page is the section.
    const topBroken = Math.max(0, ...ev.broken.map((b) => b.score));
    if (ev.broken.length && (ev.pages.length === 0 || topBroken > ev.pages[0]!.score)) {
      const broken = ev.broken.filter((b) => b.score === topBroken || ev.pages.length === 0);
      const status = [...new Set(broken.map((b) => (b.status ? `HTTP ${b.status}` : (b.error ?? '?'))))].join(', ');
      const urls = broken.map((b) => b.url);
      return { findings: [finding('presence', ctx.mandatory ? 'fail' : 'warn', say(messages.broken, { ...vars, status, urls: urls.slice(0, 3).join(', ') }), urls)] };
    }
    if (ev.pages.length === 0) {
      if (!ctx.mandatory) return { findings: [finding('presence', 'n/a', messages.absentOptional)] };
      const home = ctx.site.home ? [ctx.site.home.url] : [];
      const menu = ctx.site.menu;
      const pages = ctx.site.pageCount;
      if (!menu.length) {
        if (ctx.site.pageLimitReached) return { findings: [finding('presence', 'unknown', say(messages.missingLimit, { ...vars, pages }), home)] };
        return { findings: [finding('presence', 'fail', say(messages.missingNoMenu, { ...vars, pages }), home)] };
      }
      // A link that names the section leads to a page that was not read: the section may be there.
      if (ev.unread.length)
        return {
          findings: [
            finding('presence', 'unknown', say(messages.notRead, { ...vars, pages, links: ev.unread.slice(0, 5).map((u) => `"${u.label}" (${u.url})`).join('; ') }), [
              ...home,
              ...ev.unread.slice(0, 5).map((u) => u.url),
            ]),
          ],
        };
      const unread = menu.filter((e) => e.state === 'unread');
      if (unread.length)
        return {
          findings: [
            finding('presence', 'unknown', say(messages.missingUnread, { ...vars, pages, count: unread.length, menu: unread.slice(0, 8).map((e) => e.path).join('; ') }), [
              ...home,
              ...unread.slice(0, 8).map((e) => e.url),
            ]),
          ],
        };
      return { findings: [finding('presence', 'fail', say(messages.missing, { ...vars, entries: menu.length, menu: menuLabels(menu), pages }), home)] };
    }
    const count = contentCount(ev, ctx.section.kind);
    if (count === 0) {
      const urls = evidenceUrls(ev);
      return { findings: [finding('presence', ctx.mandatory ? 'fail' : 'warn', say(messages.empty, { ...vars, urls: urls.slice(0, 3).join(', ') }), urls)] };
    }
    const msg =
      ctx.section.kind === 'article' ? say(messages.presentArticle, { words: count }) : say(messages.present, { count });
    return { findings: [finding('presence', 'pass', msg, evidenceUrls(ev))] };
  },
});

/**
 * Checks of the home page itself: V.1 the announcements column ("cột tin Thông báo trang chủ")
 * and VIII.2 the scrolling text ("dòng chữ chạy"), with the message the district asked for.
 */
import { z } from 'zod';
import { containsWords, normaliseVi } from '../normalise.js';
import { defineCheck, finding, say } from './check.js';

const messages = {
  column: { vi: 'Trang chủ có cột "{heading}" với {count} tin.', en: 'The home page has a "{heading}" column with {count} item(s).' },
  noColumn: {
    vi: 'Trang chủ không có cột tin Thông báo (có thông báo ở trang trong nhưng không hiển thị trên trang chủ). Các khối trên trang chủ: {blocks}.',
    en: 'The home page has no announcements column (announcements exist on an inner page only). Blocks on the home page: {blocks}.',
  },
  noColumnAtAll: {
    vi: 'Trang chủ không có cột tin Thông báo. Các khối trên trang chủ: {blocks}.',
    en: 'The home page has no announcements column. Blocks on the home page: {blocks}.',
  },
  noHome: { vi: 'Không đọc được trang chủ: cần kiểm tra thủ công.', en: 'The home page could not be read: check by hand.' },
  ticker: { vi: 'Trang chủ có dòng chữ chạy: "{text}".', en: 'The home page has a scrolling text: "{text}".' },
  noTicker: {
    vi: 'Trang chủ không có dòng chữ chạy (marquee hoặc chữ chạy bằng CSS/JS).',
    en: 'No scrolling text on the home page (marquee or CSS/JS ticker).',
  },
  emptyTicker: { vi: 'Dòng chữ chạy trên trang chủ không có nội dung.', en: 'The scrolling text on the home page is empty.' },
  message: { vi: 'Dòng chữ chạy có nội dung yêu cầu: "{message}".', en: 'The scrolling text carries the requested message: "{message}".' },
  noMessage: {
    vi: 'Dòng chữ chạy chưa có nội dung theo yêu cầu: "{message}" (hiện tại: "{text}").',
    en: 'The scrolling text lacks the requested message "{message}" (now: "{text}").',
  },
};

const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const homeColumn = defineCheck({
  id: 'home-column',
  description: { vi: 'Trang chủ có cột tin của chuyên mục', en: 'The home page shows a column of the section' },
  params: z.object({}).strict(),
  run(ev, _params, ctx) {
    const home = ctx.site.home;
    if (!home) return { findings: [finding('home-column', 'unknown', messages.noHome)] };
    const onHome = ev.pages.find((p) => p.url === home.url);
    if (!onHome) {
      const elsewhere = ev.pages.filter((p) => p.url !== home.url).map((p) => p.url);
      // What was read: the headings of the home page's blocks, so the school can check them.
      const headings = [...new Set(home.lists.map((l) => l.heading).filter(Boolean))];
      const blocks = headings.length
        ? { vi: headings.slice(0, 10).map((h) => `"${h}"`).join(', '), en: headings.slice(0, 10).map((h) => `"${h}"`).join(', ') }
        : { vi: 'không có khối tin nào có tiêu đề', en: 'none with a heading' };
      return {
        findings: [
          finding('home-column', 'fail', say(elsewhere.length ? messages.noColumn : messages.noColumnAtAll, { blocks }), [home.url, ...elsewhere]),
        ],
      };
    }
    const heading = onHome.reasons[0]?.match(/"([^"]+)"/)?.[1] ?? ctx.section.label.vi;
    const count = home.lists.find((l) => l.heading === heading)?.items.length ?? 0;
    return { findings: [finding('home-column', 'pass', say(messages.column, { heading, count }), [home.url])] };
  },
});

export const ticker = defineCheck({
  id: 'ticker',
  description: { vi: 'Trang chủ có dòng chữ chạy (và nội dung yêu cầu)', en: 'The home page has a scrolling text (with the requested message)' },
  params: z.object({ message: z.string().optional() }).strict(),
  run(_ev, params, ctx) {
    const home = ctx.site.home;
    if (!home) return { findings: [finding('ticker', 'unknown', messages.noHome)] };
    if (!home.tickers.length) return { findings: [finding('ticker', 'fail', messages.noTicker, [home.url])] };
    const text = home.tickers.map((t) => t.text).filter(Boolean).join(' | ');
    if (!text.trim()) return { findings: [finding('ticker', 'fail', messages.emptyTicker, [home.url])] };
    const findings = [finding('ticker', 'pass', say(messages.ticker, { text: clip(text) }), [home.url])];
    const required = ctx.school.tickerMessage ?? params.message ?? ctx.pack.settings.tickerMessage;
    if (required?.trim()) {
      const ok = containsWords(normaliseVi(text), normaliseVi(required));
      findings.push(
        finding('ticker', ok ? 'pass' : 'fail', say(ok ? messages.message : messages.noMessage, { message: required, text: clip(text, 80) }), [home.url]),
      );
    }
    return { findings };
  },
});

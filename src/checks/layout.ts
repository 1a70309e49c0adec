/**
 * Letter 289, "Khác": sections the school makes must not break the portal's common layout. Measured
 * in a browser at the evidence step (SPEC: horizontal overflow at 1366 px and 390 px, broken images
 * → warn); the screenshot of the page goes with the section's result.
 */
import { z } from 'zod';
import { defineCheck, finding, listSome, say } from './check.js';

const messages = {
  ok: {
    vi: 'Bố cục không bị vỡ ({pages} trang, rộng {widths} px), không có ảnh lỗi.',
    en: 'The layout holds ({pages} page(s) at {widths} px wide), no broken images.',
  },
  overflow: {
    vi: 'Trang tràn ngang, rộng hơn trang chủ (vỡ bố cục chung): {list}.',
    en: 'Pages overflow horizontally beyond the home page (the common layout breaks): {list}.',
  },
  broken: { vi: 'Ảnh không hiển thị được: {list}.', en: 'Images that do not load: {list}.' },
  notMeasured: {
    vi: 'Chưa kiểm tra bố cục: cần trình duyệt Chromium (không có, hoặc --render never / --no-screenshots).',
    en: 'Layout not checked: it needs Chromium (missing, or --render never / --no-screenshots).',
  },
};

export const layout = defineCheck({
  id: 'layout',
  description: { vi: 'Chuyên mục tự tạo không làm vỡ bố cục chung', en: 'School-made sections keep the common layout' },
  params: z
    .object({
      /** Overflow up to this many px is a scrollbar's rounding, not a broken layout. */
      maxOverflowPx: z.number().int().min(0).default(8),
    })
    .strict(),
  run(ev, params, ctx) {
    if (!ev.facts.length) return { findings: [] };
    // A portal that is not responsive overflows on phones everywhere: that is its common layout.
    // A section breaks it when it overflows more than the home page does at the same width.
    const homeOverflow = new Map((ctx.site.home?.layout?.overflow ?? []).map((o) => [o.width, o.px]));
    const measured = ev.facts.filter((f) => f.layout);
    if (!measured.length) return { findings: [], notes: [messages.notMeasured] };
    const overflow: string[] = [];
    const broken: string[] = [];
    const bad = new Set<string>();
    for (const page of measured) {
      for (const o of page.layout!.overflow) {
        if (o.px > (homeOverflow.get(o.width) ?? 0) + params.maxOverflowPx) {
          overflow.push(`${page.url} (${o.width} px: +${o.px} px)`);
          bad.add(page.url);
        }
      }
      for (const src of page.layout!.brokenImages) {
        broken.push(src);
        bad.add(page.url);
      }
    }
    const findings = [];
    if (overflow.length) findings.push(finding('layout', 'warn', say(messages.overflow, { list: listSome(overflow) }), [...bad]));
    if (broken.length) findings.push(finding('layout', 'warn', say(messages.broken, { list: listSome([...new Set(broken)]) }), [...bad]));
    if (!findings.length) {
      const widths = [...new Set(measured.flatMap((p) => p.layout!.overflow.map((o) => o.width)))].join(', ');
      findings.push(finding('layout', 'pass', say(messages.ok, { pages: measured.length, widths }), measured.map((p) => p.url)));
    }
    return { findings };
  },
});

import { describe, expect, it } from 'vitest';
import type { LayoutFacts } from '../../src/types.js';
import { evidence, page, runCheck } from '../helpers/facts.js';

const AS_OF = '2026-10-30T10:00:00+07:00';
const measured = (px1366: number, px390: number, brokenImages: string[] = []): LayoutFacts => ({
  overflow: [
    { width: 1366, px: px1366 },
    { width: 390, px: px390 },
  ],
  brokenImages,
});
const custom = (layout?: LayoutFacts) => page('http://school.test/cau-lac-bo/c/9', { title: 'Câu lạc bộ tiếng Anh', ...(layout ? { layout } : {}) });
const home = (layout?: LayoutFacts) => page('http://school.test/', { title: 'Trang chủ', ...(layout ? { layout } : {}) });
const judge = (pages: ReturnType<typeof page>[], homePage = home(measured(0, 0))) =>
  runCheck('layout', 'khac-hoc-sinh', evidence('khac-hoc-sinh', pages), AS_OF, { home: homePage });

describe('layout of school-made sections (rendered)', () => {
  it('passes a section that fits at 1366 and 390 px with all its images', async () => {
    const r = await judge([custom(measured(0, 3))]);
    expect(r.status).toBe('pass');
    expect(r.findings[0]!.message.en).toMatch(/1366, 390 px/);
  });

  it('warns when the section overflows at 1366 px, naming the page, the width and the excess', async () => {
    const r = await judge([custom(measured(640, 640))]);
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.en).toMatch(/cau-lac-bo\/c\/9 \(1366 px: \+640 px\)/);
    expect(r.findings[0]!.evidence).toEqual(['http://school.test/cau-lac-bo/c/9']);
  });

  it('does not blame a section for a portal that overflows on phones everywhere, only for more than that', async () => {
    const desktopOnly = home(measured(0, 800));
    expect((await judge([custom(measured(0, 790))], desktopOnly)).status).toBe('pass');
    const r = await judge([custom(measured(0, 1400))], desktopOnly);
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.vi).toMatch(/390 px: \+1400 px/);
  });

  it('warns about images that do not load', async () => {
    const r = await judge([custom(measured(0, 0, ['http://school.test/upload/anh-loi.jpg']))]);
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.en).toMatch(/Images that do not load: http:\/\/school\.test\/upload\/anh-loi\.jpg/);
  });

  it('only notes that the layout was not checked when no browser measured it', async () => {
    const r = await judge([custom()]);
    expect(r.status).toBe('none');
    expect(r.notes?.[0]?.en).toMatch(/Layout not checked: it needs Chromium/);
  });
});

import { describe, expect, it } from 'vitest';
import { matchLabel, matchSlug, sectionMatcher, urlSlugs } from '../../src/map/labels.js';
import { rulePack } from '../helpers/facts.js';

async function matcher(id: string) {
  const { pack } = await rulePack();
  return sectionMatcher(pack.sections.find((s) => s.id === id)!);
}

describe('section labels after Vietnamese normalisation', () => {
  it('matches a menu label exactly, in decomposed Unicode and upper case', async () => {
    const m = await matcher('lich-cong-tac-tuan');
    expect(matchLabel('LI\u0323CH CÔNG TÁC TUẦN', m)!.weight).toBeGreaterThanOrEqual(6);
    // filler after the label: "BGH", a school year
    expect(matchLabel('Lịch công tác tuần BGH năm học 2026-2027', m)!.weight).toBeGreaterThanOrEqual(6);
  });

  it('prefers the more specific section: "Hoạt động chuyên môn" is II.2, not II.1', async () => {
    const chung = matchLabel('Hoạt động chuyên môn', await matcher('hoat-dong-chung'));
    const chuyenMon = matchLabel('Hoạt động chuyên môn', await matcher('hoat-dong-chuyen-mon'));
    expect(chuyenMon!.weight).toBeGreaterThan(chung?.weight ?? 0);
  });

  it('gives generic labels ("Văn bản - Công văn") less weight than specific ones', async () => {
    const m = await matcher('van-ban-cap-tren');
    expect(matchLabel('Văn bản - Công văn', m)!.weight).toBeLessThan(matchLabel('Văn bản cấp trên', m)!.weight);
  });

  it('rules a section out by its "not" labels: news from the Office is not general activities', async () => {
    expect(matchLabel('Tin tức từ Phòng', await matcher('hoat-dong-chung'))!.weight).toBe(-1);
    expect(matchLabel('Công khai thu chi', await matcher('ba-cong-khai'))!.weight).toBe(-1);
  });
});

describe('URL slugs', () => {
  it('reads the category of QI, old .aspx, Viettel and NukeViet URLs', () => {
    expect(urlSlugs('http://x/lich-cong-tac/tuan-9/ct/1001/5555')).toEqual(['lich-cong-tac', 'tuan']);
    expect(urlSlugs('http://x/thuc-don-tuan-c5129.aspx')).toEqual(['thuc-don-tuan']);
    expect(urlSlugs('http://x/ke-hoach-giao-duc/thoi-khoa-bieu.html')).toEqual(['ke-hoach-giao-duc', 'thoi-khoa-bieu']);
    expect(urlSlugs('http://x/index.php?language=vi&nv=news&op=hoat-dong-chung')).toEqual(['news', 'hoat-dong-chung']);
  });

  it('scores an exact slug above a prefix', async () => {
    const m = await matcher('thuc-don');
    expect(matchSlug('http://x/thuc-don/c/1', m)!.weight).toBeGreaterThanOrEqual(3);
    expect(matchSlug('http://x/thuc-don-hang-ngay/ct/1/2', m)!.weight).toBeLessThan(2);
    expect(matchSlug('http://x/thuc-don-tuan-5/ct/1/2', m)!.matched).toBe('thuc-don-tuan');
    expect(matchSlug('http://x/gioi-thieu.html', m)).toBeNull();
  });
});

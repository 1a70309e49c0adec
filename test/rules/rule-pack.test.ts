import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.js';
import { DEFAULT_RULE_PACK, loadRulePack } from '../../src/rules/load.js';

/** The canonical ids and codes of SPEC's rule table, in the letter's order. */
const SPEC_TABLE: [string, string][] = [
  ['I.1', 'gioi-thieu'],
  ['I.2', 'co-cau-to-chuc'],
  ['II.0', 'tin-tuc-tu-phong'],
  ['II.1', 'hoat-dong-chung'],
  ['II.2', 'hoat-dong-chuyen-mon'],
  ['II.3', 'hoat-dong-doan-the'],
  ['III.1', 'giao-an-dien-tu'],
  ['III.2', 'bai-giang-elearning'],
  ['III.3', 'album-anh'],
  ['III.4', 'video'],
  ['III.5', 'nhac'],
  ['IV.1', 'goc-hoc-tap'],
  ['IV.2', 'guong-mat-tieu-bieu'],
  ['IV.3', 'khac-hoc-sinh'],
  ['V.1', 'thong-bao'],
  ['V.2', 'khac-phu-huynh'],
  ['VI.1', 'van-ban-cap-tren'],
  ['VI.2', 'van-ban-truong'],
  ['VI.3', 'tuyen-sinh'],
  ['VI.4', 'ba-cong-khai'],
  ['VI.5', 'cong-khai-thu-chi'],
  ['VII.1', 'thoi-khoa-bieu'],
  ['VII.2', 'thuc-don'],
  ['VIII.1', 'lich-cong-tac-tuan'],
  ['VIII.2', 'dong-chu-chay'],
];

async function brokenPack(edit: (yaml: string) => string): Promise<InputError> {
  const text = edit(await readFile(DEFAULT_RULE_PACK, 'utf8'));
  const dir = await mkdtemp(join(tmpdir(), 'pa-rules-'));
  const file = join(dir, 'broken.yaml');
  await writeFile(file, text);
  try {
    await loadRulePack(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).file).toBe(file);
    return e as InputError;
  }
  throw new Error('expected the pack to be rejected');
}

describe('rule pack longbien-289-2017', () => {
  it('holds every row of the letter with the canonical ids and codes, in order', async () => {
    const { pack } = await loadRulePack();
    expect(pack.sections.map((s) => [s.code, s.id])).toEqual(SPEC_TABLE);
    expect(pack.groups.map((g) => g.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
  });

  it('carries the letter metadata: number, date, deadline 31/10 and recipients', async () => {
    const { pack } = await loadRulePack();
    expect(pack.document).toMatchObject({ number: '289/VP-CNTT', date: '2017-10-09', reportDeadline: '10-31' });
    expect(pack.document.recipients.join(' ')).toMatch(/Phòng Giáo dục/);
    expect(pack.document.reportEmails).toEqual(['kythuat_longbien@hanoi.gov.vn', 'pgd_longbien@hanoi.gov.vn']);
  });

  it('marks mandatory sections as the letter does (Thực đơn: MN and boarding schools)', async () => {
    const { pack } = await loadRulePack();
    const m = Object.fromEntries(pack.sections.map((s) => [s.id, s.mandatory]));
    expect(m['thuc-don']).toEqual({ levels: ['MN'], boarding: true });
    for (const optional of ['tin-tuc-tu-phong', 'nhac', 'khac-hoc-sinh', 'khac-phu-huynh']) expect(m[optional]).toBe(false);
    expect(Object.values(m).filter((x) => x === true)).toHaveLength(20);
  });

  it('gives every section Vietnamese and English labels, remediation and checks', async () => {
    const { pack, params } = await loadRulePack();
    for (const s of pack.sections) {
      expect(s.label.vi && s.label.en && s.remediation.vi && s.remediation.en).toBeTruthy();
      expect(s.checks.length).toBeGreaterThan(0);
    }
    // Defaults of the check schemas are filled in.
    expect(params.get('album-anh/2')).toEqual({ maxAgeMonths: 1, status: 'fail' });
  });

  it('rejects an unknown check with file, line and field', async () => {
    const e = await brokenPack((t) => t.replace('- check: albums', '- check: albumz'));
    expect(e.message).toMatch(/unknown check "albumz"/);
    expect(e.field).toMatch(/^sections\[8\]\.checks\[1\]\.check$/);
    expect(e.line).toBeGreaterThan(100);
  });

  it("rejects a check parameter of the wrong type, validated by the check's own schema", async () => {
    const e = await brokenPack((t) => t.replace('params: { minAlbums: 2 }', 'params: { minAlbums: "two" }'));
    expect(e.field).toBe('sections[8].checks[1].params.minAlbums');
    expect(e.line).toBeGreaterThan(100);
  });

  it('rejects a duplicate section id and a missing label', async () => {
    expect((await brokenPack((t) => t.replace('- id: nhac', '- id: video'))).message).toMatch(/duplicate section id "video"/);
    const e = await brokenPack((t) => t.replace(/\n {4}label: \{ vi: "Nhạc", en: "Music" \}/, ''));
    expect(e.field).toBe('sections[10].label');
  });
});

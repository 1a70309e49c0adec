import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.js';
import { loadSchools, parseSchools } from '../../src/config/schools.js';

const SECTIONS = ['gioi-thieu', 'thoi-khoa-bieu'];

function fails(text: string): InputError {
  try {
    parseSchools(text, 'schools.yaml', { sectionIds: SECTIONS });
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('schools.yaml', () => {
  it('reads a plain list with defaults filled in', () => {
    const schools = parseSchools(
      `- id: thcs-gia-thuy
  name: Trường THCS Gia Thụy
  url: https://thcsgiathuy.longbien.edu.vn
  level: thcs
- id: mn-hoa-sua
  name: Trường Mầm non Hoa Sữa
  url: http://mnhoasua.longbien.edu.vn/
  level: MN
  boarding: true
  maxPages: 120
  sectionUrls:
    thoi-khoa-bieu: http://mnhoasua.longbien.edu.vn/tkb
`,
      'schools.yaml',
      { sectionIds: SECTIONS },
    );
    expect(schools).toHaveLength(2);
    expect(schools[0]).toMatchObject({ id: 'thcs-gia-thuy', level: 'THCS', boarding: false, startUrls: [], sectionUrls: {} });
    expect(schools[1]).toMatchObject({ level: 'MN', boarding: true, maxPages: 120, sectionUrls: { 'thoi-khoa-bieu': ['http://mnhoasua.longbien.edu.vn/tkb'] } });
  });

  it('reads the "schools:" form and applies its defaults', () => {
    const schools = parseSchools(
      `defaults: { level: TH, maxPages: 50 }
schools:
  - { id: a, name: A, url: "http://127.0.0.1:1/" }
  - { id: b, name: B, url: "http://127.0.0.1:2/", level: THCS }
`,
      'x.yaml',
    );
    expect(schools.map((s) => [s.level, s.maxPages])).toEqual([
      ['TH', 50],
      ['THCS', 50],
    ]);
  });

  it('names the file, line and field of a duplicate id', () => {
    const e = fails(`- id: a
  name: A
  url: http://a.example/
  level: TH
- id: a
  name: B
  url: http://b.example/
  level: TH
`);
    expect(e.line).toBe(5);
    expect(e.field).toBe('[1].id');
    expect(e.toString()).toMatch(/^schools\.yaml:5: \[1\]\.id: .*duplicate id "a" \(first used on line 1\)/);
  });

  it('names the line of a school without url', () => {
    const e = fails(`schools:
  - id: a
    name: A
    level: TH
`);
    expect(e.line).toBe(2);
    expect(e.field).toBe('schools[0].url');
    expect(e.message).toMatch(/missing URL/);
  });

  it('rejects an unknown level and lists the known ones', () => {
    const e = fails(`- id: a
  name: A
  url: http://a.example/
  level: DH
`);
    expect(e.line).toBe(4);
    expect(e.field).toBe('[0].level');
    expect(e.message).toMatch(/unknown level "DH".*MN, TH, THCS/);
  });

  it('rejects a URL that is not http(s)', () => {
    const e = fails(`- { id: a, name: A, url: "ftp://a.example/", level: TH }\n`);
    expect(e.field).toBe('[0].url');
    expect(e.message).toMatch(/not an http\(s\) URL/);
  });

  it('rejects an unknown section id in sectionUrls', () => {
    const e = fails(`- id: a
  name: A
  url: http://a.example/
  level: TH
  sectionUrls:
    lich-thi: http://a.example/lich-thi
`);
    expect(e.line).toBe(6);
    expect(e.field).toBe('[0].sectionUrls.lich-thi');
    expect(e.message).toMatch(/unknown section id "lich-thi"/);
  });

  it('rejects unknown fields (a typo must not be ignored)', () => {
    const e = fails(`- id: a
  name: A
  url: http://a.example/
  levle: TH
`);
    expect(e.message).toMatch(/missing level|unknown field/);
  });

  it('reports malformed YAML with its line', () => {
    const e = fails(`- id: a
  name: [A, B
  url: http://a.example/
`);
    expect(e.message).toMatch(/invalid YAML/);
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects an empty list and a document that is not a list', () => {
    expect(fails('[]\n').message).toMatch(/empty/);
    expect(fails('hello: world\n').message).toMatch(/list of schools/);
  });

  it('reports a missing file with its name', async () => {
    await expect(loadSchools('/nonexistent/schools.yaml')).rejects.toThrow(/file not found/);
    const dir = await mkdtemp(join(tmpdir(), 'pa-'));
    const f = join(dir, 'schools.yaml');
    await writeFile(f, '- { id: a, name: A, url: "http://a.example/", level: TH }\n');
    expect(await loadSchools(f)).toHaveLength(1);
  });
});

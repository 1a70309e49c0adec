import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { junitXml } from '../../src/report/junit.js';
import { writeReports } from '../../src/report/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { RulePack } from '../../src/rules/schema.js';
import { allSchools, HOSTILE, results } from './factory.js';
import { schemaProblems } from './junit-schema.js';
import { childrenNamed, parseXml, type XmlElement } from './xml-check.js';

let pack: RulePack;
let xml: string;
let root: XmlElement;

beforeAll(async () => {
  pack = (await loadRulePack()).pack;
  const dir = await mkdtemp(join(tmpdir(), 'pa-junit-'));
  await writeReports(results(pack, allSchools(pack)), { outDir: dir, pack });
  xml = await readFile(join(dir, 'junit.xml'), 'utf8');
  root = parseXml(xml);
});

const suite = (id: string) => childrenNamed(root, 'testsuite').find((s) => s.attrs.name!.startsWith(`${id} — `))!;
const testCase = (id: string, sectionId: string) => childrenNamed(suite(id), 'testcase').find((c) => c.attrs.name!.split(' ')[1] === sectionId)!;

describe('the XML checker itself', () => {
  it.each([
    ['<a><b></a></b>', /closes/],
    ['<a>x & y</a>', /bare "&"/],
    ['<a t="<"/>', /malformed|raw/],
    ['<a>\u0007</a>', /forbidden/],
    ['<a/><b/>', /two roots/],
    ['<a>&nbsp;</a>', /unknown entity/],
  ])('rejects %j', (bad, message) => {
    expect(() => parseXml(bad)).toThrow(message);
  });
});

describe('junit.xml', () => {
  it('follows the JUnit XML schema CI servers read (elements, attributes, types, counts)', () => {
    expect(root.name).toBe('testsuites');
    expect(schemaProblems(root)).toEqual([]);
    // The checker does catch what the schema forbids.
    const broken = parseXml('<testsuites><testsuite tests="x"><testcase><failure/><bogus/></testcase></testsuite></testsuites>');
    expect(schemaProblems(broken)).toEqual([
      'testsuites/testsuite[0]: tests="x" is not a count',
      'testsuites/testsuite[0]: attribute name is required',
      'testsuites/testsuite[0]/testcase[0]: attribute name is required',
      'testsuites/testsuite[0]/testcase[0]: <bogus> may not appear inside <testcase>',
      'testsuites/testsuite[0]/testcase[0]/bogus[1]: element <bogus> is not in the schema',
    ]);
  });

  it('is well formed, with one testsuite per school and totals that add up', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(root.name).toBe('testsuites');
    const suites = childrenNamed(root, 'testsuite');
    expect(suites.length).toBe(4);
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const s of suites) {
      const cases = childrenNamed(s, 'testcase');
      expect(Number(s.attrs.tests)).toBe(cases.length);
      expect(Number(s.attrs.failures)).toBe(cases.filter((c) => childrenNamed(c, 'failure').length).length);
      expect(Number(s.attrs.skipped)).toBe(cases.filter((c) => childrenNamed(c, 'skipped').length).length);
      expect(s.attrs.time).toBe('150.000');
      tests += cases.length;
      failures += Number(s.attrs.failures);
      skipped += Number(s.attrs.skipped);
    }
    expect([root.attrs.tests, root.attrs.failures, root.attrs.skipped].map(Number)).toEqual([tests, failures, skipped]);
    expect(root.attrs.time).toBe('600.000');
  });

  it('has one test case per section named "<code> <section id> — <title>" with the school id as class name', () => {
    const cases = childrenNamed(suite('thcs-gia-thuy'), 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(pack.sections.map((s) => `${s.code} ${s.id} — ${s.label.vi}`));
    expect(new Set(cases.map((c) => c.attrs.classname))).toEqual(new Set(['thcs-gia-thuy']));
  });

  it('fails a failing section with all its non-pass findings in Vietnamese and English', () => {
    const album = testCase('th-bo-de', 'album-anh');
    const [failure] = childrenNamed(album, 'failure');
    expect(failure!.attrs.message).toBe('Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng. / Newest album 20/08/2026 is older than one month.');
    for (const text of ['Album ảnh mới nhất', 'Newest album', 'Chỉ có 1 album có ảnh.', 'Only one album has photos.', 'https://thbodethanh.longbien.edu.vn/album-anh'])
      expect(failure!.text).toContain(text);
    expect(failure!.text).not.toContain('Có chuyên mục'); // the pass finding stays out
  });

  it('lets a warning pass, with its findings and notes in system-out', () => {
    const schedule = testCase('th-bo-de', 'lich-cong-tac-tuan');
    expect(childrenNamed(schedule, 'failure')).toEqual([]);
    expect(childrenNamed(schedule, 'skipped')).toEqual([]);
    const out = childrenNamed(schedule, 'system-out')[0]!.text;
    expect(out).toContain('Lịch tuần 44 đăng muộn');
    expect(out).toContain('Week 44 schedule was published late.');
    expect(out).toContain('Next week is due in 5 hours.');
  });

  it('skips an undecided section with a message, and a section that does not apply without one', () => {
    const [unknown] = childrenNamed(testCase('th-bo-de', 'giao-an-dien-tu'), 'skipped');
    expect(unknown!.attrs.message).toBe('Không thấy ngày đăng của giáo án. / No dates shown for the lesson plans.');
    const [na] = childrenNamed(testCase('thcs-gia-thuy', 'thuc-don'), 'skipped');
    expect(na!.attrs).toEqual({});
    const pass = testCase('thcs-gia-thuy', 'gioi-thieu');
    expect(pass.children).toEqual([]);
  });

  it('reports an unreachable school as a single failing test case "reachable"', () => {
    const s = suite('mn-hoa-sua');
    const cases = childrenNamed(s, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(['reachable']);
    expect([s.attrs.tests, s.attrs.failures]).toEqual(['1', '1']);
    expect(childrenNamed(cases[0]!, 'failure')[0]!.attrs.message).toContain('connect ECONNREFUSED 127.0.0.1:9');
  });

  it('escapes markup and strips control characters from page text', () => {
    expect(xml).not.toContain('\u0007');
    const s = suite('mn-hostile');
    expect(s.attrs.name).toBe('mn-hostile — Trường Mầm non <Hoa> & "Sen"');
    const [failure] = childrenNamed(testCase('mn-hostile', 'gioi-thieu'), 'failure');
    const clean = HOSTILE[0]!.replace('\u0007', '');
    expect(failure!.attrs.message).toBe(`${clean} / ${clean} </failure><x a="1"> ]]> &amp;`);
    expect(failure!.text).toContain('https://mnhostile.example.edu.vn/a?b=1&c=<2>');
    expect(failure!.children).toEqual([]);
  });

  it('puts English first when asked', () => {
    const en = parseXml(junitXml(results(pack, allSchools(pack)), pack, 'en'));
    const album = childrenNamed(childrenNamed(en, 'testsuite')[1]!, 'testcase').find((c) => c.attrs.name!.includes('album-anh'))!;
    expect(childrenNamed(album, 'failure')[0]!.attrs.message).toBe('Newest album 20/08/2026 is older than one month. / Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.');
  });
});

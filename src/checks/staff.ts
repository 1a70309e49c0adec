/**
 * I.2 Cơ cấu tổ chức: the four units (board, office, teachers, security) are shown, and every
 * person has full name, position, phone, e-mail and photo. Reports the share of complete cards
 * and names the incomplete ones.
 */
import { z } from 'zod';
import { containsWords, normaliseVi } from '../normalise.js';
import { bilingualSchema } from '../rules/schema.js';
import type { Bilingual, PersonFact } from '../types.js';
import { defineCheck, finding, joinLabels, listSome, say, type CheckOutcome } from './check.js';
import { evidenceUrls } from './evidence.js';

const FIELDS = ['name', 'position', 'phone', 'email', 'photo'] as const;
type Field = (typeof FIELDS)[number];

const FIELD_LABEL: Record<Field, Bilingual> = {
  name: { vi: 'họ tên', en: 'name' },
  position: { vi: 'chức vụ', en: 'position' },
  phone: { vi: 'điện thoại', en: 'phone' },
  email: { vi: 'email', en: 'e-mail' },
  photo: { vi: 'ảnh', en: 'photo' },
};

const messages = {
  none: {
    vi: 'Không có thông tin từng cán bộ (họ tên, chức vụ, điện thoại, email, ảnh) trên {pages} trang cơ cấu tổ chức đã đọc.',
    en: 'No staff cards (name, position, phone, e-mail, photo) on the {pages} organisation page(s) read.',
  },
  noneImage: {
    vi: 'Trang cơ cấu tổ chức chỉ có hình ảnh/sơ đồ, không có thông tin từng người dạng văn bản: cần kiểm tra thủ công.',
    en: 'The organisation page shows only a picture or chart, no text cards: check by hand.',
  },
  groups: { vi: 'Có đủ các bộ phận: {groups}.', en: 'All units present: {groups}.' },
  groupsMissing: { vi: 'Thiếu bộ phận: {missing} (có: {present}; {people} người đã đọc).', en: 'Missing unit(s): {missing} (found: {present}; {people} people read).' },
  complete: { vi: 'Đủ thông tin {complete}/{total} người (100%).', en: 'Complete cards: {complete}/{total} (100%).' },
  incomplete: {
    vi: 'Chỉ {complete}/{total} người ({share}%) có đủ họ tên, chức vụ, điện thoại, email, ảnh. Chưa đủ: {list}.',
    en: 'Only {complete}/{total} people ({share}%) have name, position, phone, e-mail and photo. Incomplete: {list}.',
  },
};

const groupSchema = z.object({ id: z.string(), label: bilingualSchema, keywords: z.array(z.string()).min(1) }).strict();

/** Typical positions, for people listed without a unit heading. */
const POSITION_GROUP: [RegExp, string][] = [
  [/hieu truong|hieu pho|bi thu chi bo/, 'board'],
  [/bao ve/, 'security'],
  [/ke toan|van thu|thu quy|y te|nhan vien|thu vien|thiet bi|hanh chinh|cap duong|nau an/, 'office'],
  [/giao vien|to truong|to pho|tong phu trach|gv/, 'teachers'],
];

function groupOf(p: PersonFact, groups: z.output<typeof groupSchema>[]): string | undefined {
  const g = normaliseVi(p.group ?? '');
  if (g) {
    for (const group of groups) if (group.keywords.some((k) => containsWords(g, normaliseVi(k)))) return group.id;
  }
  const pos = normaliseVi(p.position ?? '');
  for (const [re, id] of POSITION_GROUP) if (re.test(pos) && groups.some((x) => x.id === id)) return id;
  return undefined;
}

function missingFields(p: PersonFact, fields: Field[]): Field[] {
  const has: Record<Field, boolean> = {
    // A full name is words of letters; a birth date typed as the name ("21/12/1989") is not one.
    name: /^\p{L}+(?:\s+\p{L}+)+$/u.test(p.name.trim()),
    position: !!p.position?.trim(),
    phone: p.phones.length > 0,
    email: p.emails.length > 0,
    photo: !!p.photo,
  };
  return fields.filter((f) => !has[f]);
}

export const staff = defineCheck({
  id: 'staff',
  description: { vi: 'Đủ 4 bộ phận; mỗi người có họ tên, chức vụ, điện thoại, email, ảnh', en: 'Four units; each person complete' },
  params: z
    .object({
      groups: z.array(groupSchema).default([]),
      fields: z.array(z.enum(FIELDS)).default([...FIELDS]),
      /** Share of complete cards needed (1 = everyone). */
      minComplete: z.number().min(0).max(1).default(1),
    })
    .strict(),
  run(ev, params, ctx): CheckOutcome {
    if (!ev.pages.length) return { findings: [] };
    // The same person appears on the unit page and on their own page: keep the fuller card.
    const people = new Map<string, PersonFact>();
    for (const page of ev.facts) {
      for (const p of page.people) {
        const key = normaliseVi(p.name);
        const known = people.get(key);
        if (!known) people.set(key, { ...p, phones: [...p.phones], emails: [...p.emails] });
        else {
          known.position ||= p.position;
          known.photo ||= p.photo;
          known.group ||= p.group;
          for (const x of p.phones) if (!known.phones.includes(x)) known.phones.push(x);
          for (const x of p.emails) if (!known.emails.includes(x)) known.emails.push(x);
        }
      }
    }
    const urls = evidenceUrls(ev);
    if (people.size === 0) {
      // A chart as a picture may hold the names: only a page that is mostly a picture is undecided.
      const picture = ev.facts.some((p) => p.images.some((i) => i.inContent) && p.wordCount < 150);
      return { findings: [finding('staff', picture ? 'unknown' : 'fail', picture ? messages.noneImage : say(messages.none, { pages: ev.facts.length }), urls)] };
    }
    const findings = [];
    if (params.groups.length) {
      const present = new Set([...people.values()].map((p) => groupOf(p, params.groups)).filter(Boolean));
      const missing = params.groups.filter((g) => !present.has(g.id));
      const join = (gs: typeof params.groups) => joinLabels(gs.map((g) => g.label));
      findings.push(
        missing.length
          ? finding(
              'staff',
              'fail',
              say(messages.groupsMissing, {
                missing: join(missing),
                present: present.size ? join(params.groups.filter((g) => present.has(g.id))) : { vi: 'không bộ phận nào', en: 'none' },
                people: people.size,
              }),
              urls,
            )
          : finding('staff', 'pass', say(messages.groups, { groups: join(params.groups) }), urls),
      );
    }
    const all = [...people.values()];
    const incomplete = all
      .map((p) => ({ p, missing: missingFields(p, params.fields) }))
      .filter((x) => x.missing.length > 0);
    const complete = all.length - incomplete.length;
    const share = Math.round((complete / all.length) * 100);
    const describe = (lang: 'vi' | 'en') =>
      listSome(incomplete.map((x) => `${x.p.name || '?'} (${lang === 'vi' ? 'thiếu' : 'no'} ${x.missing.map((f) => FIELD_LABEL[f][lang]).join(', ')})`), 8)[lang];
    const vars = { complete, total: all.length, share, list: { vi: describe('vi'), en: describe('en') } };
    findings.push(
      complete / all.length >= params.minComplete && incomplete.length === 0
        ? finding('staff', 'pass', say(messages.complete, vars), urls)
        : finding('staff', complete / all.length >= params.minComplete ? 'warn' : 'fail', say(messages.incomplete, vars), urls),
    );
    return { findings };
  },
});

/**
 * III.1 / III.2: lesson plans and e-learning lectures are listed by subject, grade, semester and
 * author: as table columns, or written in (most of) the items themselves.
 */
import { z } from 'zod';
import { findSemester } from '../calendar/dates.js';
import { normaliseVi } from '../normalise.js';
import type { Bilingual } from '../types.js';
import { defineCheck, finding, joinLabels, say } from './check.js';
import { evidenceUrls } from './evidence.js';

const FIELD = ['subject', 'grade', 'semester', 'author'] as const;
type Field = (typeof FIELD)[number];

const LABEL: Record<Field, Bilingual> = {
  subject: { vi: 'môn học', en: 'subject' },
  grade: { vi: 'khối lớp', en: 'grade' },
  semester: { vi: 'học kỳ', en: 'semester' },
  author: { vi: 'tác giả', en: 'author' },
};

const HEADER: Record<Field, RegExp> = {
  subject: /\bmon\b|mon hoc|bo mon|phan mon|linh vuc/,
  grade: /\bkhoi\b|\blop\b|do tuoi|nhom lop/,
  semester: /hoc ky|hoc ki|\bhk\b|ky hoc/,
  author: /tac gia|giao vien|nguoi soan|nguoi thuc hien|nguoi bien soan|\bgv\b/,
};

const SUBJECTS =
  /\b(toan|ngu van|tieng viet|tieng anh|anh van|lich su|dia ly|dia li|vat ly|vat li|hoa hoc|sinh hoc|khoa hoc|tin hoc|cong nghe|am nhac|my thuat|the duc|giao duc the chat|gdcd|giao duc cong dan|dao duc|tu nhien va xa hoi|hoat dong trai nghiem|khtn|lich su va dia ly|tieng phap|tieng nhat|lam quen van hoc|kham pha|tao hinh)\b/;

const IN_TEXT: Record<Field, (norm: string, raw: string) => boolean> = {
  subject: (n) => SUBJECTS.test(n) || /\bmon\b/.test(n),
  grade: (n) => /\b(khoi|lop)\s*\d{1,2}\b|\b\d{1,2}[a-e]\d?\b|\b(nha tre|mau giao (be|nho|lon)|lop (be|nho|lon)|tuoi)\b/.test(n),
  semester: (n, raw) => findSemester(raw) !== null || /hoc ky|hoc ki/.test(n),
  author: (n) => /tac gia|giao vien|\bgv\b|nguoi soan|nguoi thuc hien|\bco giao\b|\bthay giao\b/.test(n),
};

const messages = {
  ok: { vi: 'Các mục ghi rõ: {fields}.', en: 'Items show: {fields}.' },
  missing: {
    vi: 'Danh sách chưa ghi {missing} (cần theo môn học, khối lớp, học kỳ, tác giả; đã đọc {count} mục).',
    en: 'The list does not show {missing} (needed: subject, grade, semester, author; {count} item(s) read).',
  },
};

export const itemFields = defineCheck({
  id: 'item-fields',
  description: { vi: 'Mỗi mục ghi môn học, khối lớp, học kỳ, tác giả', en: 'Items carry subject, grade, semester, author' },
  params: z.object({ fields: z.array(z.enum(FIELD)).default([...FIELD]), share: z.number().min(0).max(1).default(0.5) }).strict(),
  run(ev, params) {
    if (!ev.items.length) return { findings: [] };
    const headers = ev.facts.flatMap((p) => p.tables.flatMap((t) => t.headers.map(normaliseVi)));
    const texts = ev.items.map((i) => ({ raw: `${i.title} ${i.text}`, norm: normaliseVi(`${i.title} ${i.text}`) }));
    const shown = (f: Field) =>
      headers.some((h) => HEADER[f].test(h)) ||
      texts.filter((t) => IN_TEXT[f](t.norm, t.raw)).length >= Math.max(1, Math.ceil(texts.length * params.share));
    const missing = params.fields.filter((f) => !shown(f));
    const join = (fs: Field[]) => joinLabels(fs.map((f) => LABEL[f]));
    return {
      findings: [
        missing.length
          ? finding('item-fields', 'fail', say(messages.missing, { missing: join(missing), count: ev.items.length }), evidenceUrls(ev))
          : finding('item-fields', 'pass', say(messages.ok, { fields: join(params.fields) }), evidenceUrls(ev)),
      ],
    };
  },
});

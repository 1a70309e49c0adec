/**
 * VI. Văn bản: document tables "with inline view". Each document has a file that opens (a PDF, or
 * a viewer on the page) and answers 200; no expired documents; "ba công khai" of the current school
 * year only; school documents posted at most one working day after they were issued.
 */
import { z } from 'zod';
import { findDates, findSchoolYears } from '../calendar/dates.js';
import { schoolYearAt } from '../calendar/time.js';
import { normaliseVi } from '../normalise.js';
import type { DateFact, SectionItem } from '../types.js';
import { defineCheck, finding, listSome, say } from './check.js';
import { describeItem, evidenceUrls, vnDate } from './evidence.js';

const messages = {
  viewable: { vi: '{ok}/{total} văn bản có tệp xem được trực tiếp.', en: '{ok}/{total} documents have a file viewable inline.' },
  broken: { vi: 'Tệp đính kèm không mở được (lỗi {status}): {list}.', en: 'Attachments that do not open (error {status}): {list}.' },
  noFile: { vi: 'Văn bản không có tệp đính kèm hoặc nội dung để xem: {list}.', en: 'Documents without a file or text to view: {list}.' },
  noneViewable: {
    vi: 'Không văn bản nào có tệp đính kèm xem được ({total} văn bản).',
    en: 'No document has a viewable file ({total} documents).',
  },
  downloadOnly: {
    vi: 'Tệp chỉ tải về, không xem trực tiếp trên trang: {list}.',
    en: 'Files are download-only, not viewable on the page: {list}.',
  },
  expired: { vi: 'Còn để văn bản đã hết hiệu lực: {list}.', en: 'Expired documents still listed: {list}.' },
  notExpired: { vi: 'Không có văn bản hết hiệu lực.', en: 'No expired documents.' },
  currentYear: { vi: 'Có {count} văn bản của năm học {year}; không có văn bản năm học cũ.', en: '{count} document(s) of school year {year}; none of older years.' },
  oldYears: { vi: 'Còn văn bản của năm học cũ (cần bản mới nhất): {list}.', en: 'Documents of older school years (newest versions only): {list}.' },
  noCurrent: { vi: 'Chưa có văn bản của năm học {year}.', en: 'No document of school year {year}.' },
  yearUnknown: { vi: 'Không xác định được năm học của các văn bản: cần kiểm tra thủ công.', en: 'The documents show no school year or date: check by hand.' },
  timely: {
    vi: '{count} văn bản đăng đúng hạn (≤ {days} ngày làm việc sau ngày ban hành).',
    en: '{count} document(s) posted on time (≤ {days} working day(s) after issue).',
  },
  late: {
    vi: 'Văn bản đăng muộn hơn {days} ngày làm việc sau ngày ban hành: {list}.',
    en: 'Documents posted more than {days} working day(s) after issue: {list}.',
  },
  cannotCompare: {
    vi: 'Không có đủ ngày ban hành và ngày đăng để so sánh: cần kiểm tra thủ công.',
    en: 'Issue and posting dates are not both shown: check by hand.',
  },
};

const VIEWABLE_EXT = new Set(['pdf', 'jpg', 'jpeg', 'png', 'gif']);

export const documentsCheck = defineCheck({
  id: 'documents',
  description: { vi: 'Văn bản có tệp xem trực tiếp, mở được', en: 'Documents have an inline-viewable file that opens' },
  params: z.object({ minTextWords: z.number().int().min(0).default(80) }).strict(),
  run(ev, params, ctx) {
    const docs = ev.items;
    if (!docs.length) return { findings: [] };
    const broken: { item: SectionItem; url: string; status: number | string }[] = [];
    const noFile: SectionItem[] = [];
    const downloadOnly: SectionItem[] = [];
    let viewable = 0;
    for (const doc of docs) {
      const page = doc.url ? ctx.site.page(doc.url) : undefined;
      // A document whose own link answers an error ("Tải tài liệu" → 404) does not open.
      if (!doc.attachments.length && page && (page.status >= 400 || page.status === 0)) {
        broken.push({ item: doc, url: page.url, status: page.status || page.error || '?' });
        continue;
      }
      if (!doc.attachments.length) {
        // A document published as text on its own page is viewable too.
        if (page && page.wordCount >= params.minTextWords) viewable++;
        else noFile.push(doc);
        continue;
      }
      let opens = false;
      let inline = false;
      for (const a of doc.attachments) {
        const probe = ctx.site.probe(a.url);
        if (probe && !probe.ok) broken.push({ item: doc, url: a.url, status: probe.status || probe.error || '?' });
        else opens = true;
        if (a.viewerUrl || VIEWABLE_EXT.has(a.ext)) inline = true;
      }
      if (opens && inline) viewable++;
      else if (opens) downloadOnly.push(doc);
    }
    const findings = [];
    const urls = evidenceUrls(ev);
    if (broken.length) {
      const statuses = [...new Set(broken.map((b) => String(b.status)))].join(', ');
      findings.push(
        finding('documents', 'fail', say(messages.broken, { status: statuses, list: listSome(broken.map((b) => describeItem(b.item))) }), [
          ...broken.map((b) => b.url),
          ...urls,
        ]),
      );
    }
    if (viewable === 0 && !broken.length)
      findings.push(finding('documents', 'fail', say(messages.noneViewable, { total: docs.length }), urls));
    else if (noFile.length) findings.push(finding('documents', 'warn', say(messages.noFile, { list: listSome(noFile.map((d) => describeItem(d))) }), urls));
    if (downloadOnly.length && viewable > 0)
      findings.push(finding('documents', 'warn', say(messages.downloadOnly, { list: listSome(downloadOnly.map((d) => describeItem(d))) }), urls));
    if (!findings.length) findings.push(finding('documents', 'pass', say(messages.viewable, { ok: viewable, total: docs.length }), urls));
    return { findings };
  },
});

/**
 * Whether a document is shown as expired: a status "hết hiệu lực" (not "một phần", not the label
 * "Ngày hết hiệu lực: …") or "bị thay thế" (superseded), or an expiry date in the past.
 */
export function expired(doc: SectionItem, today: string): boolean {
  const text = normaliseVi(doc.text);
  if (/(?<!ngay )\bhet hieu luc\b(?! mot phan)/.test(text) || /\b(?:bi|da bi|da duoc) thay the\b/.test(text)) return true;
  return doc.dates.some((d) => d.role === 'expires' && d.date < today);
}

export const expiredDocuments = defineCheck({
  id: 'expired-documents',
  description: { vi: 'Không để văn bản đã hết hiệu lực', en: 'No expired documents listed' },
  params: z.object({ status: z.enum(['warn', 'fail']).default('warn') }).strict(),
  run(ev, params, ctx) {
    if (!ev.items.length) return { findings: [] };
    const gone = ev.items.filter((d) => expired(d, ctx.today));
    return {
      findings: [
        gone.length
          ? finding('expired-documents', params.status, say(messages.expired, { list: listSome(gone.map((d) => describeItem(d))) }), evidenceUrls(ev, gone))
          : finding('expired-documents', 'pass', messages.notExpired, evidenceUrls(ev)),
      ],
    };
  },
});

/** The newest school year a document names in its title or text ("năm học 2025-2026"). */
function namedYear(doc: SectionItem): number | undefined {
  const named = findSchoolYears(`${doc.title} ${doc.text}`);
  return named.length ? Math.max(...named.map((y) => y.startYear)) : undefined;
}

/** School year a document belongs to: named in its title/text, else the year of its date. */
function documentYear(doc: SectionItem, settings: { start: string; semester2Start: string }): number | undefined {
  const named = namedYear(doc);
  if (named !== undefined) return named;
  const d = doc.date?.date ?? doc.dates.find((x) => x.role !== 'expires')?.date;
  return d ? schoolYearAt(d, settings).startYear : undefined;
}

export const currentYearDocuments = defineCheck({
  id: 'current-year-documents',
  description: { vi: 'Chỉ văn bản của năm học hiện tại (bản mới nhất)', en: 'Documents of the current school year only' },
  params: z
    .object({
      status: z.enum(['warn', 'fail']).default('fail'),
      /**
       * Only documents that name their school year count ("… năm học 2025-2026"): higher
       * authorities' regulations stay valid across years, their yearly guidance does not (VI.1).
       */
      namedYearsOnly: z.boolean().default(false),
      /** A document of the current school year must be listed (VI.4), not only no old ones. */
      requireCurrent: z.boolean().default(true),
    })
    .strict(),
  run(ev, params, ctx) {
    if (!ev.items.length) return { findings: [] };
    const settings = ctx.pack.settings.schoolYear;
    const year = schoolYearAt(ctx.today, settings);
    const years = ev.items.map((doc) => ({ doc, y: params.namedYearsOnly ? namedYear(doc) : documentYear(doc, settings) }));
    if (years.every((x) => x.y === undefined)) {
      return { findings: params.requireCurrent ? [finding('current-year-documents', 'unknown', messages.yearUnknown, evidenceUrls(ev))] : [] };
    }
    const old = years.filter((x) => x.y !== undefined && x.y < year.startYear).map((x) => x.doc);
    const current = years.filter((x) => x.y !== undefined && x.y >= year.startYear).map((x) => x.doc);
    const findings = [];
    if (!current.length && params.requireCurrent)
      findings.push(finding('current-year-documents', params.status, say(messages.noCurrent, { year: year.label }), evidenceUrls(ev)));
    if (old.length)
      findings.push(finding('current-year-documents', params.status, say(messages.oldYears, { list: listSome(old.map((d) => describeItem(d))) }), evidenceUrls(ev, old)));
    if (!findings.length)
      findings.push(finding('current-year-documents', 'pass', say(messages.currentYear, { count: current.length, year: year.label }), evidenceUrls(ev, current)));
    return { findings };
  },
});

/**
 * The date a document was issued: its "Ngày ban hành" (or effective date), else a date written
 * right after its number in the title ("Quyết định số 12/QĐ-THCS ngày 05/10/2026 …").
 */
export function issueDate(doc: SectionItem): string | undefined {
  const issued = doc.dates.find((d) => d.role === 'issued') ?? doc.dates.find((d) => d.role === 'effective');
  if (issued) return issued.date;
  const m = /\d+\s*\/\s*[\p{L}\d&.\-–/]+\s*,?\s*(?:ngày|ngay)\s+([^,;)]{6,40})/iu.exec(doc.title);
  return m ? findDates(m[1]!)[0]?.date : undefined;
}

/**
 * When the item appeared on the portal: its posting date, as its list shows it (the first one
 * known), with the time of day its own page shows for that day ("30/10/2026" in the list,
 * "Thứ sáu, 30/10/2026, 16:45" on the post: the Friday 16:00 rule needs the time).
 */
export function postedDate(doc: SectionItem): DateFact | undefined {
  const usable = (role: DateFact['role']) => doc.dates.filter((d) => d.role === role && d.source !== 'header');
  const pool = usable('published').length ? usable('published') : usable('updated');
  const first = pool[0];
  if (!first || first.time) return first;
  return pool.find((d) => d.date === first.date && d.time) ?? first;
}

export const documentTimeliness = defineCheck({
  id: 'document-timeliness',
  description: { vi: 'Đăng chậm nhất N ngày làm việc sau ngày ban hành', en: 'Posted at most N working days after issue' },
  params: z.object({ maxWorkingDays: z.number().int().min(0).default(1), status: z.enum(['warn', 'fail']).default('fail') }).strict(),
  run(ev, params, ctx) {
    if (!ev.items.length) return { findings: [] };
    const late: string[] = [];
    const lateItems: SectionItem[] = [];
    let compared = 0;
    for (const doc of ev.items) {
      const issued = issueDate(doc);
      const posted = postedDate(doc);
      if (!issued || !posted || posted.date < issued || posted.date > ctx.today) continue;
      compared++;
      const dueBy = ctx.calendar.addWorkingDays(issued, params.maxWorkingDays);
      if (posted.date > dueBy) {
        late.push(`${doc.title.slice(0, 80)} (ban hành/issued ${vnDate(issued)}, đăng/posted ${vnDate(posted.date)})`);
        lateItems.push(doc);
      }
    }
    if (!compared) return { findings: [finding('document-timeliness', 'unknown', messages.cannotCompare, evidenceUrls(ev))] };
    return {
      findings: [
        late.length
          ? finding('document-timeliness', params.status, say(messages.late, { days: params.maxWorkingDays, list: listSome(late) }), evidenceUrls(ev, lateItems))
          : finding('document-timeliness', 'pass', say(messages.timely, { count: compared, days: params.maxWorkingDays }), evidenceUrls(ev)),
      ],
    };
  },
});

/**
 * Phone numbers and e-mail addresses as Vietnamese school pages write them: "024 3872 4033",
 * "0243.724.033", "0912-345-678", "+84 912 345 678", `tel:` links. Stored as digits with a leading 0.
 * Dates, document numbers ("1455/SGDĐT-GDTH"), visitor counters, bank accounts and fax lines are not phones.
 */
import { foldSpaces, normaliseVi } from '../normalise.js';
import type { PageContext } from './context.js';
import { attr, rawText, type El } from './dom.js';

/** A digit run with single space/dot/dash separators, optionally "+84"/"(+84)"/"84" first. */
const PHONE_CANDIDATE = /(?<![\d/.,\-+\p{L}])(?:\(?\+?84\)?[\s.\-]?|0)\d(?:[\s.\-]?\d){7,10}(?![\d/\p{L}]|[.,\-]\d)/gu;
const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9])/g;
const NOT_EMAIL_TLD = /\.(png|jpe?g|gif|webp|svg|js|css|html?|php|aspx?)$/i;
/** Words that make the number after them something else than a phone. */
const NOT_PHONE_LABEL = /(fax|stk|so tai khoan|tai khoan|account|ma so thue|mst|cmnd|cccd|can cuoc|ma so|ma hs|ma hoc sinh|so hieu|so van ban|so quyet dinh|so cv)\s*[:.]?\s*$/;

/** "+84 912 345 678" → "0912345678"; null unless a plausible Vietnamese number (10–11 digits: 02x/04/06 landlines, 03/05/07/08/09 mobiles, old 01x mobiles). */
export function normalisePhone(raw: string): string | null {
  let d = raw.replace(/\D/g, '');
  if (d.startsWith('84') && !raw.trim().startsWith('0')) d = `0${d.slice(2)}`;
  if (!d.startsWith('0') || d.length < 10 || d.length > 11) return null;
  const second = d[1]!;
  if (second === '2') return d; // landlines: 02x + 7–8 digits (old and new numbering)
  if ('35789'.includes(second)) return d.length === 10 ? d : null; // mobiles are 10 digits
  if (second === '4' || second === '6') return d; // pre-2017 landline area codes (04 = Hà Nội, 06x)
  if (second === '1' && d.length === 11) return d; // pre-2018 eleven-digit mobiles (0168 …), as old pages show them
  return null;
}

/** Phones written in a text (the words before each number are checked). */
export function phonesInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const before = normaliseVi(text.slice(Math.max(0, m.index! - 24), m.index!));
    if (NOT_PHONE_LABEL.test(before)) continue;
    const p = normalisePhone(m[0]) ?? shorterPhone(m[0]);
    if (p) out.push(p);
  }
  return out;
}

/** "0987654321 1. Mô hình": the run took the next number too; drop trailing groups until it is a phone. */
function shorterPhone(raw: string): string | null {
  const groups = raw.split(/[\s.\-]/);
  for (let n = groups.length - 1; n >= 1; n--) {
    const p = normalisePhone(groups.slice(0, n).join(' '));
    if (p) return p;
  }
  return null;
}

export function emailsInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const e = m[0].toLowerCase().replace(/\.+$/, '');
    if (!NOT_EMAIL_TLD.test(e)) out.push(e);
  }
  return out;
}

/** The visible text of the whole page, visitor counters left out (for contacts and quick keyword gates). */
export function pageText(ctx: PageContext): string {
  const root = ctx.dom.body ?? ctx.dom.els[0];
  if (!root) return '';
  return foldSpaces(rawText(root, { skip: (el: El) => ctx.isCounter(el) }).normalize('NFC'));
}

export function extractContacts(ctx: PageContext, text: string): { phones: string[]; emails: string[] } {
  const phones = new Set<string>();
  const emails = new Set<string>();
  for (const p of phonesInText(text)) phones.add(p);
  for (const e of emailsInText(text)) emails.add(e);
  for (const a of ctx.dom.byTag('a')) {
    const href = attr(a, 'href').trim();
    if (/^tel:/i.test(href)) {
      const p = normalisePhone(decodeSafe(href.slice(4)));
      if (p) phones.add(p);
    } else if (/^mailto:/i.test(href)) {
      for (const e of emailsInText(decodeSafe(href.slice(7).split('?')[0] ?? ''))) emails.add(e);
    }
  }
  return { phones: [...phones], emails: [...emails] };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

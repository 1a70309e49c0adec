/**
 * Dates on Vietnamese pages, day-first always ("03/04/2026" is 3 April).
 *
 * How it reads text: runs of digits joined by single separators (`21/9/2026`, `0243.724.033`,
 * `01/2024`, `2192026-2592026`) are cut into date tokens only where a whole run, or a piece of it
 * between dashes, has the shape of a date; anything else (document numbers, phones, versions,
 * money, scores) is left alone. "ngày 9 tháng 10 năm 2017" is read by its words. Two tokens joined
 * by "đến" / "-" / "-den-ngay-" form a range, which also gives a year to a first date written
 * without one. Every pattern is linear: extraction calls this on every text node of every page.
 */
import type { DateRole } from '../types.js';
import { normaliseVi } from '../normalise.js';
import { isValidDate, localDate, localTime, parseInstant, toIsoDate } from './time.js';

export { isValidDate, toIsoDate };

export interface FoundDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm when a time is written next to the date. */
  time?: string;
  /** The matched text. */
  text: string;
  /** Offset of the match in the input (in its NFC form: extraction hands over NFC text). */
  index: number;
  /** The year was not written and came from `defaultYear` or from the other end of a range. */
  yearInferred?: boolean;
  /** What a label just before the date says it is: "Cập nhật:" → updated, "Ngày đăng:" → published … */
  role?: DateRole;
}

export interface FindDatesOptions {
  /** Year for dates written without one, e.g. "(09/10)"; without it such dates are skipped. */
  defaultYear?: number;
}

export interface FoundDateRange {
  /** YYYY-MM-DD, first day. */
  from: string;
  /** YYYY-MM-DD, last day (≥ from). */
  to: string;
  /** From the first date to the last, e.g. "30/10 đến 04/11/2017". */
  text: string;
  index: number;
}

export interface FoundSchoolYear {
  /** 2026 for "năm học 2026-2027". */
  startYear: number;
  text: string;
  index: number;
}

// ───────────────────────────── tokens ─────────────────────────────

/** One way to read a token; `y` is missing when the year is not written. */
interface Reading {
  y?: number;
  m: number;
  d: number;
}

type TokenKind =
  | 'full' // 9/10/2017, 09-10-2017, 21.9.2026, 06/09/21
  | 'iso' // 2017-10-09, 2021-02-27T17:01:02+07:00
  | 'words' // ngày 09 tháng 10 (năm 2017)
  | 'dayMonth' // 30/10, 21.9 — needs a range, "(…)" or "ngày" before it to count
  | 'digits'; // 2192026, 1409 — separators dropped (slugs, audio text); only inside a range

interface Token {
  kind: TokenKind;
  index: number;
  end: number;
  readings: Reading[];
  /** dayMonth written with "-" or "." ("21-9", "1.5"): a date only as the first end of a range. */
  weak?: boolean;
  /** Local date and time already resolved (ISO with an offset). */
  iso?: { date: string; time?: string };
}

/** Digit runs joined by single separators. Digits and separators are disjoint: no backtracking blow-up. */
const CHUNK = /\d+(?:[/.\-]\d+)*/g;
const ISO_AT = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?(?:\s?(?:Z|[+-]\d{2}:?\d{2}))?)?(?![\d:])/iy;
const WORDS = /ng[àa]y[\s-]+(\d{1,2})[\s-]+th[áa]ng[\s-]+(\d{1,2})(?:[\s,-]+n[ăa]m[\s-]+(\d{4}))?(?!\d)/giu;

const isLeapValid = (m: number, d: number) => isValidDate(2000, m, d);

function dayMonthSplits(p: string): Reading[] {
  const out: Reading[] = [];
  for (const dl of [1, 2]) {
    const ml = p.length - dl;
    if (ml < 1 || ml > 2) continue;
    const d = Number(p.slice(0, dl));
    const m = Number(p.slice(dl));
    if (isLeapValid(m, d)) out.push({ d, m });
  }
  return out;
}

/** Readings of separator-less digits: "2192026" → 21/9/2026; "1409" → 14/09; "1112026" → 1/11 or 11/1. */
function digitReadings(s: string): Reading[] {
  const out: Reading[] = [];
  if (s.length >= 6) {
    const y = Number(s.slice(-4));
    for (const r of dayMonthSplits(s.slice(0, -4))) if (isValidDate(y, r.m, r.d)) out.push({ ...r, y });
  }
  if (s.length <= 4) out.push(...dayMonthSplits(s));
  return out;
}

/** Cuts one chunk into date tokens; stops at the first piece that is not date-shaped unless a dash follows it. */
function chunkTokens(s: string, chunk: string, at: number, out: Token[]): number {
  const nums: { t: string; i: number }[] = [];
  const seps: string[] = [];
  let pos = at;
  for (const part of chunk.split(/([/.\-])/)) {
    if (part === '/' || part === '.' || part === '-') seps.push(part);
    else nums.push({ t: part, i: pos });
    pos += part.length;
  }
  const n = nums.length;
  const num = (k: number) => Number(nums[k]!.t);
  const len = (k: number) => nums[k]!.t.length;
  const endOf = (k: number) => nums[k]!.i + len(k);
  // A token must end the chunk or be followed by a dash (a range inside the chunk).
  const endsAt = (k: number) => k === n - 1 || seps[k] === '-';

  const fullAt = (i: number): Token | null => {
    if (i + 2 >= n || seps[i] !== seps[i + 1] || len(i) > 2 || len(i + 1) > 2 || !endsAt(i + 2)) return null;
    const yl = len(i + 2);
    // Two-digit years only with slashes (Viettel "06/09/21"); "1.2.33" is a version.
    if (yl !== 4 && !(yl === 2 && seps[i] === '/')) return null;
    const y = yl === 2 ? 2000 + num(i + 2) : num(i + 2);
    if (!isValidDate(y, num(i + 1), num(i))) return null;
    return { kind: 'full', index: nums[i]!.i, end: endOf(i + 2), readings: [{ y, m: num(i + 1), d: num(i) }] };
  };
  const isoAt = (i: number): Token | null => {
    if (i + 2 >= n || len(i) !== 4 || seps[i] !== '-' || seps[i + 1] !== '-' || len(i + 1) !== 2 || len(i + 2) !== 2) return null;
    if (!endsAt(i + 2) || !isValidDate(num(i), num(i + 1), num(i + 2))) return null;
    ISO_AT.lastIndex = nums[i]!.i;
    const m = ISO_AT.exec(s);
    const iso = m ? parseIsoDateTime(m[0]) : null;
    if (!m || !iso) return null;
    const [y, mo, d] = iso.date.split('-').map(Number) as [number, number, number];
    return { kind: 'iso', index: m.index, end: m.index + m[0].length, readings: [{ y, m: mo, d }], iso };
  };
  const dayMonthAt = (i: number): Token | null => {
    if (i + 1 >= n || len(i) > 2 || len(i + 1) > 2 || !endsAt(i + 1) || fullAt(i + 1)) return null;
    if (!isLeapValid(num(i + 1), num(i))) return null;
    return {
      kind: 'dayMonth',
      index: nums[i]!.i,
      end: endOf(i + 1),
      readings: [{ m: num(i + 1), d: num(i) }],
      weak: seps[i] !== '/',
    };
  };
  const digitsAt = (i: number): Token | null => {
    if (len(i) < 3 || len(i) > 8 || !endsAt(i)) return null;
    const readings = digitReadings(nums[i]!.t);
    return readings.length ? { kind: 'digits', index: nums[i]!.i, end: endOf(i), readings } : null;
  };

  let lastEnd = at;
  for (let i = 0; i < n; ) {
    if (i > 0 && seps[i - 1] !== '-') break; // inside a longer number: 1.2.3.4, 0243.724.033, 01/2024
    const tok = fullAt(i) ?? isoAt(i) ?? dayMonthAt(i) ?? digitsAt(i);
    if (!tok) {
      i += 1;
      continue;
    }
    out.push(tok);
    lastEnd = tok.end;
    i += tok.kind === 'full' || tok.kind === 'iso' ? 3 : tok.kind === 'dayMonth' ? 2 : 1;
  }
  return lastEnd;
}

/** All date tokens of an NFC string, in order, not overlapping. */
function tokenize(s: string): Token[] {
  const words: Token[] = [];
  for (const m of s.matchAll(WORDS)) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    const y = m[3] === undefined ? undefined : Number(m[3]);
    if (y === undefined ? !isLeapValid(mo, d) : !isValidDate(y, mo, d)) continue;
    words.push({ kind: 'words', index: m.index, end: m.index + m[0].length, readings: [y === undefined ? { m: mo, d } : { y, m: mo, d }] });
  }
  const out: Token[] = [];
  let w = 0;
  let skipUntil = 0;
  for (const m of s.matchAll(CHUNK)) {
    const at = m.index;
    while (w < words.length && words[w]!.end <= at) out.push(words[w++]!);
    if (at < skipUntil) continue; // inside an ISO date-time already read ("…T17:01:02-07:00")
    if (w < words.length && words[w]!.index <= at) continue; // digits of "ngày 9 tháng 10 năm 2017"
    skipUntil = chunkTokens(s, m[0], at, out);
  }
  while (w < words.length) out.push(words[w++]!);
  return out;
}

// ───────────────────────────── ranges ─────────────────────────────

/** What may stand between the two ends of a range: "đến (ngày)", "-", "–", slug "-den-ngay-". */
const CONNECTOR = /^[\s\-–—~]*(?:(?:đến|tới|den|toi)(?:[\s-]+(?:hết[\s-]+)?(?:ngày|ngay))?)?[\s\-–—~]*$/iu;

interface ResolvedRange {
  from: string;
  to: string;
  fromInferred: boolean;
  toInferred: boolean;
}

/**
 * The dates of "A đến B": the first date's missing year comes from the second (or the year before
 * it, across a new year); separator-less digits are read the one way that gives a span of at most
 * 31 days (the shortest when several do; none when two tie).
 */
function resolveRange(a: Token, b: Token, defaultYear: number | undefined): ResolvedRange | null {
  const digits = a.kind === 'digits' || b.kind === 'digits';
  // With no year written at all, only "21/9 đến 25/9" shapes count: "1-2-3-4" is not a week.
  const plainDayMonths = !digits && !a.weak && !b.weak;
  const options: (ResolvedRange & { span: number })[] = [];
  for (const rb of b.readings) {
    if (rb.y === undefined && (!plainDayMonths || defaultYear === undefined)) continue;
    const yb = rb.y ?? defaultYear!;
    if (!isValidDate(yb, rb.m, rb.d)) continue;
    for (const ra of a.readings) {
      for (const ya of ra.y !== undefined ? [ra.y] : [yb, yb - 1]) {
        if (!isValidDate(ya, ra.m, ra.d)) continue;
        const span = dayNumber(yb, rb.m, rb.d) - dayNumber(ya, ra.m, ra.d);
        if (span < 0 || (digits && span > 31)) continue;
        options.push({
          from: toIsoDate(ya, ra.m, ra.d),
          to: toIsoDate(yb, rb.m, rb.d),
          span,
          fromInferred: ra.y === undefined,
          toInferred: rb.y === undefined,
        });
      }
    }
  }
  options.sort((x, y) => x.span - y.span);
  const [best, second] = options;
  if (!best || (second && second.span === best.span && second.from !== best.from)) return null;
  return best;
}

/** Days since 1970-01-01 of a calendar date (no time zone: a date is a date). */
const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

/** Pairs of adjacent tokens joined by a connector, resolved. */
function pairRanges(s: string, tokens: Token[], defaultYear: number | undefined) {
  const pairs: { a: Token; b: Token; r: ResolvedRange }[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const a = tokens[k]!;
    const b = tokens[k + 1]!;
    if (b.index - a.end > 40) continue;
    const between = s.slice(a.end, b.index);
    if (!/\S/.test(between) || !CONNECTOR.test(between)) continue;
    const r = resolveRange(a, b, defaultYear);
    if (!r) continue;
    pairs.push({ a, b, r });
    k++; // B ends this range; it does not start the next one
  }
  return pairs;
}

/**
 * Week and period ranges: "Tuần 9 (từ 30/10 đến 04/11/2017)", "Từ ngày 21/9/2026 đến ngày
 * 25/9/2026", "(21.9.2026 - 25.9.2026)", "21/09 đến 25/09/2026", slugs "tu-ngay-2192026-den-ngay-2592026".
 * With `defaultYear`, ranges written without any year ("từ 21/9 đến 25/9") count too.
 */
export function findDateRanges(text: string, opts: FindDatesOptions = {}): FoundDateRange[] {
  const s = text.normalize('NFC');
  return pairRanges(s, tokenize(s), opts.defaultYear).map(({ a, b, r }) => ({
    from: r.from,
    to: r.to,
    text: s.slice(a.index, b.end),
    index: a.index,
  }));
}

// ───────────────────────────── single dates ─────────────────────────────

/** A written time: 16:00, 16h30, 16h, 16 giờ 30 ("3 giờ" alone is a duration); not part of a longer number. */
const TIME = String.raw`(?<![\d:.,])(\d{1,2})(?:\s?:\s?(\d{2})(?::\d{2})?|[hH](\d{2})?(?!\p{L})|\s*giờ\s*(\d{2}))(?![\d/.])`;
/** "18/9/2026, 20:22", "27/02/2021 | 16:59", "09/10/2017 16:00" — unless the time starts the next date. */
const TIME_AFTER = new RegExp(String.raw`^\s*(?:[,|–-]\s*)?(?:lúc\s*)?${TIME}(?!\s*(?:ngày\s*)?\d{1,2}[/.\-]\d)`, 'iu');
/** "16h30 09/10/2017", "16:00 09/10/2017", "lúc 08:15 ngày 05/03/2025". */
const TIME_BEFORE = new RegExp(String.raw`${TIME}\s*(?:[,|–-]\s*)?(?:ngày\s*)?$`, 'iu');

function timeOf(m: RegExpExecArray | null): string | undefined {
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? m[3] ?? m[4] ?? '0');
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Labels that say what a date is, matched at the end of the normalised text before it. */
const ROLE_LABELS: [RegExp, DateRole][] = [
  [/(?:^| )het hieu luc$|(?:^| )hieu luc den$/, 'expires'],
  [/(?:^| )(?:co )?hieu luc(?: tu)?$|(?:^| )bat dau hieu luc$/, 'effective'],
  [/(?:^| )ban hanh$|(?:^| )ngay ky$/, 'issued'],
  [/(?:^| )cap nhat(?: lan cuoi)?$/, 'updated'],
  [/(?:^| )(?:(?:ngay |thoi gian )?dang(?: tin| bai)?|dang tai|ngay tao)$/, 'published'],
];
/** Words and times between a label and its date: "Cập nhật lúc 08:15 ngày 05/03/2025". */
const LABEL_TAIL = /(?: (?:luc|vao|hoi|ngay|\d{1,2}h\d{0,2}|\d{1,2}|gio))+$/;

/** A document number right before a date is its issue date: "45/KH-THCS ngày 05/10/2026", "Số 12/QĐ-UBND, ngày 3 tháng 6 …". */
const DOCUMENT_NUMBER_BEFORE = /\d+\s*\/\s*[\d&.\-–]*\p{L}[\p{L}\d&.\-–]*(?:\s*\/\s*[\p{L}\d&.\-–]+)*\s*[,;]?\s*(?:ng[àa]y\s*)?$/u;

function roleOf(before: string): DateRole | undefined {
  if (DOCUMENT_NUMBER_BEFORE.test(before)) return 'issued';
  const key = normaliseVi(before);
  // Try the tail both ways: "lúc" and "lực" normalise alike ("Ngày hiệu lực:").
  const keys = [key, key.replace(LABEL_TAIL, '')];
  return ROLE_LABELS.find(([re]) => keys.some((k) => re.test(k)))?.[1];
}

/**
 * Every calendar date written in `text`, in order of appearance: d/m/yyyy with `/`, `-` or `.`,
 * two-digit years with slashes, "ngày d tháng m năm yyyy", ISO dates, both ends of ranges (a
 * first end without a year takes it from the second), and "(09/10)" or "ngày 09/10" when
 * `opts.defaultYear` is given. A time written next to a date fills `time`.
 */
export function findDates(text: string, opts: FindDatesOptions = {}): FoundDate[] {
  const s = text.normalize('NFC');
  const tokens = tokenize(s);
  const inRange = new Map<Token, { date: string; inferred: boolean }>();
  for (const { a, b, r } of pairRanges(s, tokens, opts.defaultYear)) {
    inRange.set(a, { date: r.from, inferred: r.fromInferred });
    inRange.set(b, { date: r.to, inferred: r.toInferred });
  }
  const out: FoundDate[] = [];
  let prevEnd = 0;
  for (const tok of tokens) {
    const before = s.slice(Math.max(prevEnd, tok.index - 40), tok.index);
    prevEnd = tok.end;
    const date = tokenDate(s, tok, before, inRange.get(tok), opts.defaultYear);
    if (!date) continue;
    const found: FoundDate = { date: date.date, text: s.slice(tok.index, tok.end), index: tok.index };
    const time = tok.iso ? tok.iso.time : timeOf(TIME_AFTER.exec(s.slice(tok.end, tok.end + 32))) ?? timeOf(TIME_BEFORE.exec(before));
    if (time) found.time = time;
    if (date.inferred) found.yearInferred = true;
    const role = roleOf(before);
    if (role) found.role = role;
    out.push(found);
  }
  return out;
}

/** The date a token stands for on its own, or null when it is not confidently a date. */
function tokenDate(
  s: string,
  tok: Token,
  before: string,
  range: { date: string; inferred: boolean } | undefined,
  defaultYear: number | undefined,
): { date: string; inferred: boolean } | null {
  if (range) return range;
  if (tok.kind === 'iso') return { date: tok.iso!.date, inferred: false };
  const r = tok.readings[0]!;
  if (r.y !== undefined) return tok.kind === 'digits' ? null : { date: toIsoDate(r.y, r.m, r.d), inferred: false };
  if (tok.kind === 'digits' || tok.weak || defaultYear === undefined || !isValidDate(defaultYear, r.m, r.d)) return null;
  // A bare "9/10" is a score or a fraction; "(09/10)" and "ngày 12/10" are dates, "(1/2)" is still a fraction.
  const parenthesised = s[tok.index - 1] === '(' && s[tok.end] === ')' && tok.end - tok.index >= 4;
  const framed = tok.kind === 'words' || parenthesised || /ngày\s*$/iu.test(before);
  return framed ? { date: toIsoDate(defaultYear, r.m, r.d), inferred: true } : null;
}

// ───────────────────────────── school years and semesters ─────────────────────────────

const SCHOOL_YEAR =
  /(?:(?<![\p{L}\p{N}])(năm học|nh)\s*:?\s*)?(?<![\p{N}/.\-])((?:19|20)\d{2})\s*[-–—/]\s*(\d{4}|\d{2})(?![\p{N}]|[/.\-]\p{N})/giu;

/**
 * School years: "năm học 2026-2027", "NH 2026 - 2027", "NH 2026-27", and a bare "2026-2027" /
 * "2026 – 2027" only when the second year follows the first.
 */
export function findSchoolYears(text: string): FoundSchoolYear[] {
  const s = text.normalize('NFC');
  const out: FoundSchoolYear[] = [];
  for (const m of s.matchAll(SCHOOL_YEAR)) {
    const first = Number(m[2]);
    const second = m[3]!.length === 2 ? (m[1] ? Math.floor(first / 100) * 100 + Number(m[3]) : NaN) : Number(m[3]);
    if (second !== first + 1) continue;
    out.push({ startYear: first, text: m[0], index: m.index });
  }
  return out;
}

/** "học kỳ I", "học kì 2", "HK1", "HKI", "HK II", "kỳ II" (grave accent: "ký 2" means "signs 2"). */
const SEMESTER = /(?<![\p{L}\p{N}])(?:h[ọo]c\s*k[ỳìyi]|hk|k[ỳì])\s*(ii|i|1|2)(?![\p{L}\p{N}])/giu;

/** The semester a text names, or null when it names none or both. */
export function findSemester(text: string): 1 | 2 | null {
  const found = new Set<1 | 2>();
  for (const m of text.normalize('NFC').matchAll(SEMESTER)) {
    const v = m[1]!.toLowerCase();
    found.add(v === '1' || v === 'i' ? 1 : 2);
  }
  return found.size === 1 ? [...found][0]! : null;
}

// ───────────────────────────── machine dates ─────────────────────────────

/**
 * An ISO 8601 date-time as found in <time datetime> and meta tags ("2021-02-27T17:01:02+07:00",
 * "2019-02-27T17:57:12+0700", "2021-02-27"), as the local date and time in Asia/Ho_Chi_Minh.
 * Without an offset the time is taken as local; trailing junk ("2019-02-27+0717:57:12") keeps the date.
 */
export function parseIsoDateTime(s: string): { date: string; time?: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i.exec(s.trim());
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, zone] = m;
  if (!isValidDate(Number(ys), Number(mos), Number(ds))) return null;
  const date = `${ys}-${mos}-${ds}`;
  if (hs === undefined) return { date };
  if (Number(hs) > 23 || Number(mis) > 59) return { date };
  if (!zone) return { date, time: `${hs}:${mis}` };
  try {
    const instant = parseInstant(`${date}T${hs}:${mis}:${ss ?? '00'}${zone}`);
    return { date: localDate(instant), time: localTime(instant) };
  } catch {
    return { date };
  }
}

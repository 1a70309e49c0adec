/**
 * Dates on Vietnamese pages, day-first always ("03/04/2026" is 3 April).
 * FIRST VERSION (API contract): findDates() covers d/m/yyyy, d-m-yyyy, d.m.yyyy and
 * "ngày d tháng m năm yyyy". To be extended (ranges, school years, inferred years …)
 * without changing these signatures.
 */

export interface FoundDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm when a time is written next to the date. */
  time?: string;
  /** The matched text. */
  text: string;
  /** Offset of the match in the input. */
  index: number;
  /** The year was not written and came from `defaultYear`. */
  yearInferred?: boolean;
}

export interface FindDatesOptions {
  /** Year for dates written without one, e.g. "(09/10)"; without it such dates are skipped. */
  defaultYear?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isValidDate(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

export function toIsoDate(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

const NUMERIC = /(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)/g;
const WORDS = /ng[àa]y\s+(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s+n[ăa]m\s+(\d{4})/giu;
const TIME_NEAR = /(\d{1,2})\s*[:hH]\s*(\d{2})/;

/** Every calendar date written in `text`, in order of appearance. */
export function findDates(text: string, opts: FindDatesOptions = {}): FoundDate[] {
  const s = text.normalize('NFC');
  const out: FoundDate[] = [];
  for (const m of s.matchAll(NUMERIC)) {
    const d = Number(m[1]);
    const mo = Number(m[3]);
    let y = Number(m[4]);
    if (m[4]!.length === 2) y += 2000;
    if (!isValidDate(y, mo, d)) continue;
    const found: FoundDate = { date: toIsoDate(y, mo, d), text: m[0], index: m.index! };
    const after = s.slice(m.index! + m[0].length, m.index! + m[0].length + 12);
    const before = s.slice(Math.max(0, m.index! - 8), m.index!);
    const t = TIME_NEAR.exec(after) ?? TIME_NEAR.exec(before);
    if (t && Number(t[1]) < 24 && Number(t[2]) < 60) found.time = `${pad(Number(t[1]))}:${t[2]}`;
    out.push(found);
  }
  for (const m of s.matchAll(WORDS)) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    const y = Number(m[3]);
    if (!isValidDate(y, mo, d)) continue;
    out.push({ date: toIsoDate(y, mo, d), text: m[0], index: m.index! });
  }
  if (opts.defaultYear) {
    for (const m of s.matchAll(/\((\d{1,2})\/(\d{1,2})\)/g)) {
      const d = Number(m[1]);
      const mo = Number(m[2]);
      if (!isValidDate(opts.defaultYear, mo, d)) continue;
      out.push({ date: toIsoDate(opts.defaultYear, mo, d), text: m[0], index: m.index!, yearInferred: true });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * An ISO 8601 date-time as found in <time datetime> and meta tags ("2021-02-27T17:01:02+07:00",
 * "2019-02-27T17:57:12+0700", "2021-02-27"), as the local date and time in Asia/Ho_Chi_Minh.
 */
export function parseIsoDateTime(s: string): { date: string; time?: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/.exec(s.trim());
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, , tz] = m;
  if (!isValidDate(Number(ys), Number(mos), Number(ds))) return null;
  if (hs === undefined) return { date: `${ys}-${mos}-${ds}` };
  if (!tz) return { date: `${ys}-${mos}-${ds}`, time: `${hs}:${mis}` };
  const offset = tz === 'Z' ? '+00:00' : tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz;
  const instant = new Date(`${ys}-${mos}-${ds}T${hs}:${mis}:00${offset}`);
  if (Number.isNaN(instant.getTime())) return null;
  const local = new Date(instant.getTime() + 7 * 3600_000);
  return {
    date: local.toISOString().slice(0, 10),
    time: local.toISOString().slice(11, 16),
  };
}

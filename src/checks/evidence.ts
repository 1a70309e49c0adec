/** Small readings of a section's evidence that several checks share. */
import type { DateFact, PageFacts, SectionEvidence, SectionItem } from '../types.js';

/** Dates an item was posted or updated on (never event, expiry or HTTP header dates). */
export function postingDates(item: SectionItem): DateFact[] {
  return item.dates.filter((d) => d.source !== 'header' && (d.role === 'published' || d.role === 'updated' || d.role === 'other' || d.role === 'issued' || d.role === 'effective'));
}

/** The item's date, ignoring dates after `today` (a misread or an announced future event). */
export function itemDate(item: SectionItem, today: string): string | undefined {
  if (item.date && item.date.date <= today) return item.date.date;
  const ds = postingDates(item)
    .map((d) => d.date)
    .filter((d) => d <= today)
    .sort();
  return ds[ds.length - 1];
}

/** Newest item date of the section (≤ today), and the item it belongs to. */
export function newestItem(items: SectionItem[], today: string): { date: string; item: SectionItem } | undefined {
  let best: { date: string; item: SectionItem } | undefined;
  for (const item of items) {
    const d = itemDate(item, today);
    if (d && (!best || d > best.date)) best = { date: d, item };
  }
  return best;
}

/** Newest posting date shown on the pages themselves, for sections without items (an article). */
export function newestPageDate(pages: PageFacts[], today: string): { date: string; url: string } | undefined {
  let best: { date: string; url: string } | undefined;
  for (const p of pages) {
    for (const d of p.dates) {
      if (d.source === 'header' || d.role === 'event' || d.role === 'expires' || d.date > today) continue;
      if (d.role !== 'published' && d.role !== 'updated') continue;
      if (!best || d.date > best.date) best = { date: d.date, url: p.url };
    }
  }
  return best;
}

/** "Tiêu đề (12/10/2026)" for messages. */
export function describeItem(item: SectionItem, today?: string): string {
  const d = today ? itemDate(item, today) : item.date?.date;
  const title = item.title.length > 90 ? `${item.title.slice(0, 87)}…` : item.title;
  return d ? `${title} (${vnDate(d)})` : title;
}

/** 2026-10-09 → 09/10/2026, as Vietnamese readers write dates. */
export function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The main page of a section: its best-scored page. */
export function mainPage(ev: SectionEvidence): PageFacts | undefined {
  return ev.facts[0];
}

/** Evidence URLs: the main page plus the given item URLs. */
export function evidenceUrls(ev: SectionEvidence, items: SectionItem[] = [], max = 10): string[] {
  const urls = [ev.pages[0]?.url, ...items.map((i) => i.url ?? i.foundOn)].filter((u): u is string => !!u);
  return [...new Set(urls)].slice(0, max);
}

/**
 * Matching menu labels, breadcrumbs, titles and URL slugs against a section's labels from the
 * rule pack, after the one Vietnamese normalisation. Each match carries its weight and a reason.
 */
import { normaliseVi, slugVi } from '../normalise.js';
import type { RuleSection } from '../rules/schema.js';

export interface SectionMatcher {
  id: string;
  labels: string[];
  weakLabels: string[];
  notLabels: string[];
  slugs: string[];
}

export interface LabelMatch {
  weight: number;
  /** The section label that matched, normalised. */
  matched: string;
}

export function sectionMatcher(section: RuleSection): SectionMatcher {
  const norm = (xs: string[]) => [...new Set(xs.map(normaliseVi).filter(Boolean))];
  return {
    id: section.id,
    labels: norm([section.label.vi.replace(/\(.*?\)/g, ''), ...section.labels]),
    weakLabels: norm(section.weakLabels),
    notLabels: norm(section.notLabels),
    slugs: [...new Set(section.slugs.map((s) => slugVi(s)))],
  };
}

/** Words that decorate a label without changing its meaning ("Lịch công tác tuần BGH năm học 2026-2027"). */
const FILLER = new Set(['cua', 'nha', 'truong', 'nam', 'hoc', 'bgh', 'thcs', 'th', 'mn', 'moi', 'va', 'cac', 'tin']);

/** A text prepared once for matching against every section: normalised, and without trailing filler. */
interface LabelText {
  norm: string;
  stripped: string;
  /** " norm ": whole-word containment is a plain substring test. */
  padded: string;
}

// Menu labels repeat on every page of a site: prepare each distinct text once.
const prepared = new Map<string, LabelText>();

function labelText(raw: string): LabelText {
  let t = prepared.get(raw);
  if (!t) {
    const norm = normaliseVi(raw);
    t = { norm, stripped: stripFiller(norm), padded: ` ${norm} ` };
    if (prepared.size > 50_000) prepared.clear();
    prepared.set(raw, t);
  }
  return t;
}

/**
 * How well a text (menu label, breadcrumb item, heading) names a section:
 * 6 = equal to a label, 4 = contains a label of ≥ 2 words, 2 = contains a one-word label,
 * 3 / 1.5 for weak labels, 0 = no match, -1 = ruled out by a "not" label.
 */
export function matchLabel(textRaw: string, m: SectionMatcher): LabelMatch | null {
  const { norm: text, stripped, padded } = labelText(textRaw);
  if (!text) return null;
  const contains = (label: string) => padded.includes(` ${label} `);
  if (m.notLabels.some((n) => text === n || contains(n))) return { weight: -1, matched: '' };
  let best: LabelMatch | null = null;
  const consider = (weight: number, matched: string) => {
    // Longer labels are more specific: "hoat dong chuyen mon" beats "hoat dong".
    const w = weight + Math.min(matched.split(' ').length, 6) * 0.05;
    if (!best || w > best.weight) best = { weight: w, matched };
  };
  for (const label of m.labels) {
    if (text === label || stripped === label) consider(6, label);
    else if (contains(label)) consider(label.includes(' ') ? 4 : 2, label);
  }
  for (const label of m.weakLabels) {
    if (text === label || stripped === label) consider(3, label);
    else if (label.includes(' ') && contains(label)) consider(1.5, label);
  }
  return best;
}

/**
 * Whether a link's label names a section of the rule pack (equal to one of its labels, or holding
 * one of several words): the crawler reads such links first.
 */
export function sectionLinkTest(sections: RuleSection[]): (label: string) => boolean {
  const matchers = sections.map(sectionMatcher);
  return (label) => {
    if (!label || label.length > 80) return false;
    return matchers.some((m) => (matchLabel(label, m)?.weight ?? 0) >= 4);
  };
}

function stripFiller(text: string): string {
  // Drop school-year numbers and filler words at the end: "thuc don tuan 2026 2027" → "thuc don tuan"
  const words = text.split(' ');
  while (words.length > 1 && (FILLER.has(words[words.length - 1]!) || /^\d+$/.test(words[words.length - 1]!))) words.pop();
  return words.join(' ');
}

/** Path segments (and query values) of a URL as slugs, without extensions and CMS ids. */
export function urlSlugs(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const parts = decodeURIComponent(u.pathname)
    .split('/')
    .filter(Boolean)
    .map((seg) =>
      slugVi(
        seg
          .replace(/\.(html?|aspx?|php|jsp)$/i, '')
          // QI aspx lists "<slug>-c5129", details "<slug>-tndetail2436-50379"
          .replace(/-(c\d+|tndetail\d+(-\d+)?|\d+)$/i, ''),
      ),
    )
    .filter((s) => s && !/^(c|ct|ctmb|ctfull|vbplus|cctc|index|default|category|tag)$/.test(s) && !/^\d+$/.test(s));
  for (const [k, v] of u.searchParams) {
    if (/^(op|nv|cat|category|page_name|module|m|act|view|c)$/i.test(k)) {
      for (const piece of v.split('/')) {
        const s = slugVi(piece.replace(/\.(html?)$/i, '').replace(/-\d+$/, ''));
        if (s) parts.push(s);
      }
    }
  }
  return parts;
}

/**
 * Slug match: 3 when a path segment equals a section slug, 1.5 when it starts with it
 * ("lich-cong-tac-tuan-bgh" or a post slug "thuc-don-tuan-5-…").
 */
export function matchSlug(url: string, m: SectionMatcher): LabelMatch | null {
  let best: LabelMatch | null = null;
  for (const seg of urlSlugs(url)) {
    for (const slug of m.slugs) {
      const w = seg === slug ? 3 : seg.startsWith(`${slug}-`) ? 1.5 : 0;
      if (!w) continue;
      const weight = w + slug.split('-').length * 0.05;
      if (!best || weight > best.weight) best = { weight, matched: slug };
    }
  }
  return best;
}

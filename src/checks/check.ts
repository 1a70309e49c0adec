/**
 * The shape of a check (after Lighthouse audits and ESLint rules): bilingual messages first, then
 * the parameter schema the rule pack is validated against, then a pure `run` over the evidence.
 * No I/O and no clock inside a check: the audit instant comes in the context.
 */
import type { z } from 'zod';
import type {
  AttachmentProbe,
  Bilingual,
  Finding,
  PageFacts,
  SchoolConfig,
  SectionEvidence,
  Status,
} from '../types.js';
import type { RulePack, RuleSection } from '../rules/schema.js';
import type { WorkingCalendar } from '../calendar/working-days.js';

/** An entry of the home page's menus, and what became of the page it leads to. */
export interface MenuEntry {
  /** The entry's label after its parents': "Tin tức › Hoạt động chung". */
  path: string;
  /** Label of the top-level entry it sits under (its own label at the top level). */
  top: string;
  url: string;
  /** read: the page was read; error: it answered an error; unread: the crawl never fetched it. */
  state: 'read' | 'error' | 'unread';
}

/** Read-only view of the whole crawled site, for checks that look beyond their section. */
export interface SiteView {
  home: PageFacts | undefined;
  page(url: string): PageFacts | undefined;
  probe(url: string): AttachmentProbe | undefined;
  /** Section ids assigned to a page (canonical URL). */
  sectionsOf(url: string): string[];
  /** The crawl stopped at its page limit: a missing section may lie beyond it. */
  pageLimitReached: boolean;
  /** The entries of the home page's menus (footer left out), each once: what "the whole menu was read" means. */
  menu: MenuEntry[];
  /** Pages read (error pages and repeats of a page under another URL left out). */
  pageCount: number;
}

export interface CheckContext {
  /** The audit instant. */
  asOf: Date;
  /** Its calendar date in Asia/Ho_Chi_Minh. */
  today: string;
  school: SchoolConfig;
  pack: RulePack;
  section: RuleSection;
  /** Whether the section is mandatory for this school (level, boarding). */
  mandatory: boolean;
  site: SiteView;
  calendar: WorkingCalendar;
}

export interface CheckOutcome {
  findings: Finding[];
  /** Newest date the check saw (the section's "Cập nhật gần nhất"). */
  latestDate?: string;
  notes?: Bilingual[];
}

export interface Check<P extends z.ZodType = z.ZodType> {
  id: string;
  /** One line on what the check verifies, for `portal-audit rules`. */
  description: Bilingual;
  /** Parameters the rule pack may give; defaults fill the rest. */
  params: P;
  run(evidence: SectionEvidence, params: z.output<P>, ctx: CheckContext): CheckOutcome;
}

/** Define a check with its parameter type inferred from the schema. */
export function defineCheck<P extends z.ZodType>(check: Check<P>): Check<P> {
  return check;
}

type Vars = Record<string, string | number | Bilingual>;

/** Fill `{name}` placeholders in both languages; a bilingual value fills each language with its own text. */
export function say(template: Bilingual, vars: Vars = {}): Bilingual {
  const fill = (s: string, lang: 'vi' | 'en') =>
    s.replace(/\{(\w+)\}/g, (m, k: string) => {
      const v = vars[k];
      if (v === undefined) return m;
      return typeof v === 'object' ? v[lang] : String(v);
    });
  return { vi: fill(template.vi, 'vi'), en: fill(template.en, 'en') };
}

export function finding(
  check: string,
  status: Status,
  message: Bilingual,
  evidence: string[] = [],
  dates?: string[],
): Finding {
  const f: Finding = { check, status, message, evidence: [...new Set(evidence)] };
  if (dates && dates.length) f.dates = [...new Set(dates)];
  return f;
}

/** Bilingual labels joined into one bilingual list: [{vi: 'ảnh'}, {vi: 'email'}] → {vi: 'ảnh, email'}. */
export function joinLabels(labels: Bilingual[], sep = ', '): Bilingual {
  return { vi: labels.map((l) => l.vi).join(sep), en: labels.map((l) => l.en).join(sep) };
}

/** Short list for messages: "a, b, c và 4 mục khác / a, b, c and 4 more". */
export function listSome(items: string[], max = 5): Bilingual {
  const shown = items.slice(0, max).join('; ');
  const rest = items.length - max;
  return rest > 0
    ? { vi: `${shown} và ${rest} mục khác`, en: `${shown} and ${rest} more` }
    : { vi: shown, en: shown };
}

/** Small builders of PageFacts, section evidence and check contexts for table-driven check tests. */
import { loadWorkingCalendar } from '../../src/calendar/working-days.js';
import { emptyFacts } from '../../src/extract/page.js';
import { localDate, parseInstant } from '../../src/calendar/time.js';
import type { CheckContext, SiteView } from '../../src/checks/check.js';
import { loadRulePack, type LoadedRulePack } from '../../src/rules/load.js';
import { applicability } from '../../src/judge/judge.js';
import type { AttachmentProbe, DateFact, PageFacts, SchoolConfig, SectionEvidence, SectionItem } from '../../src/types.js';

export function page(url: string, facts: Partial<PageFacts> = {}): PageFacts {
  return {
    ...emptyFacts({ url, finalUrl: url, status: 200, contentType: 'text/html; charset=utf-8', depth: 1, fetchedAt: '2026-10-30T08:00:00.000Z' }),
    ...facts,
  };
}

export function published(date: string, time?: string): DateFact {
  return { date, ...(time && { time }), text: date, source: 'text', role: 'published' };
}

export function item(title: string, date?: string, extra: Partial<SectionItem> = {}): SectionItem {
  const d = date ? published(date.slice(0, 10), date.length > 10 ? date.slice(11, 16) : undefined) : undefined;
  return {
    title,
    url: `http://school.test/${encodeURIComponent(title.slice(0, 20))}`,
    dates: d ? [d] : [],
    ...(d && { date: d }),
    text: title,
    attachments: [],
    images: 0,
    videos: [],
    foundOn: 'http://school.test/list',
    ...extra,
  };
}

export function evidence(sectionId: string, pages: PageFacts[], items: SectionItem[] = []): SectionEvidence {
  return {
    sectionId,
    pages: pages.map((p, i) => ({ url: p.url, score: 10 - i, reasons: ['test'] })),
    facts: pages,
    items,
    broken: [],
    unread: [],
  };
}

export const SCHOOL: SchoolConfig = {
  id: 'thcs-test',
  name: 'Trường THCS Sen Hồng',
  url: 'http://school.test/',
  level: 'THCS',
  boarding: false,
  startUrls: [],
  sectionUrls: {},
};

let rules: LoadedRulePack | undefined;
export async function rulePack(): Promise<LoadedRulePack> {
  rules ??= await loadRulePack();
  return rules;
}

const calendar = loadWorkingCalendar();

export interface CtxOptions {
  school?: Partial<SchoolConfig>;
  home?: PageFacts;
  pages?: PageFacts[];
  probes?: AttachmentProbe[];
  pageLimitReached?: boolean;
  /** Rule-pack settings to override (e.g. `weeklyDeadline`). */
  settings?: Partial<LoadedRulePack['pack']['settings']>;
}

export async function context(sectionId: string, asOf: string, opts: CtxOptions = {}): Promise<CheckContext> {
  const loaded = (await rulePack()).pack;
  const pack = opts.settings ? { ...loaded, settings: { ...loaded.settings, ...opts.settings } } : loaded;
  const section = pack.sections.find((s) => s.id === sectionId)!;
  const school = { ...SCHOOL, ...opts.school };
  const instant = parseInstant(asOf);
  const pages = new Map([...(opts.pages ?? []), ...(opts.home ? [opts.home] : [])].map((p) => [p.url, p]));
  const probes = new Map((opts.probes ?? []).map((p) => [p.url, p]));
  const site: SiteView = {
    home: opts.home,
    page: (u) => pages.get(u),
    probe: (u) => probes.get(u),
    sectionsOf: () => [],
    pageLimitReached: opts.pageLimitReached ?? false,
    pageCount: pages.size,
    menu: [],
  };
  return {
    asOf: instant,
    today: localDate(instant),
    school,
    pack,
    section,
    mandatory: applicability(section, school).mandatory,
    site,
    calendar,
  };
}

/** Params of the section's check as the rule pack gives them (defaults filled). */
export async function paramsOf(sectionId: string, checkId: string): Promise<unknown> {
  const { pack, params } = await rulePack();
  const section = pack.sections.find((s) => s.id === sectionId)!;
  const i = section.checks.findIndex((c) => c.check === checkId);
  if (i < 0) throw new Error(`${sectionId} has no check ${checkId}`);
  return params.get(`${sectionId}/${i}`);
}

import { CHECKS } from '../../src/rules/registry.js';
import type { CheckOutcome } from '../../src/checks/check.js';
import { worstStatus } from '../../src/judge/judge.js';
import type { Status } from '../../src/types.js';

/** Run one check of a section as the rule pack configures it; returns the outcome and its worst status. */
export async function runCheck(
  checkId: string,
  sectionId: string,
  ev: SectionEvidence,
  asOf: string,
  opts: CtxOptions & { params?: unknown } = {},
): Promise<CheckOutcome & { status: Status | 'none' }> {
  const check = CHECKS.get(checkId)!;
  const params = opts.params ?? (await paramsOf(sectionId, checkId));
  const outcome = check.run(ev, check.params.parse(params), await context(sectionId, asOf, opts));
  return { ...outcome, status: outcome.findings.length ? worstStatus(outcome.findings) : 'none' };
}

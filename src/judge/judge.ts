/**
 * Judging: facts + rule pack + audit instant → results. Pure: no network, no clock (the instant
 * comes in), so a saved crawl judges the same way every time.
 */
import { addDays, formatInstant, localDate } from '../calendar/time.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import type { CheckContext, CheckOutcome, MenuEntry, SiteView } from '../checks/check.js';
import { canonicalUrl, isSameSite } from '../crawl/url.js';
import { fileExt } from '../map/items.js';
import { mapSite, type SiteMapping } from '../map/sections.js';
import { CHECKS } from '../rules/registry.js';
import type { LoadedRulePack } from '../rules/load.js';
import type { RulePack, RuleSection } from '../rules/schema.js';
import { normaliseVi } from '../normalise.js';
import {
  STATUS_SEVERITY,
  type AuditResults,
  type Bilingual,
  type Finding,
  type PageFacts,
  type PageIndexEntry,
  type SchoolConfig,
  type SchoolCrawl,
  type SchoolResult,
  type ScreenshotFact,
  type SectionResult,
  type Status,
  type StatusSummary,
} from '../types.js';

export interface JudgeOptions {
  asOf: Date;
  rules: LoadedRulePack;
  calendar: WorkingCalendar;
}

/** Whether a section applies to a school, and whether it is mandatory there. */
export function applicability(section: RuleSection, school: SchoolConfig): { applies: boolean; mandatory: boolean } {
  const m = section.mandatory;
  if (typeof m === 'boolean') return { applies: true, mandatory: m };
  const levels = school.level.split('-');
  const byLevel = m.levels.some((l) => levels.includes(l));
  const byBoarding = m.boarding && school.boarding;
  return byLevel || byBoarding ? { applies: true, mandatory: true } : { applies: false, mandatory: false };
}

export function worstStatus(findings: Finding[]): Status {
  let worst: Status | undefined;
  for (const f of findings) if (!worst || STATUS_SEVERITY[f.status] > STATUS_SEVERITY[worst]) worst = f.status;
  return worst ?? 'unknown';
}

export function summarise(sections: SectionResult[]): StatusSummary {
  const s: StatusSummary = { pass: 0, fail: 0, warn: 0, unknown: 0, na: 0 };
  for (const x of sections) {
    if (x.status === 'n/a') s.na++;
    else s[x.status]++;
  }
  return s;
}

const NOT_APPLICABLE: Bilingual = {
  vi: 'Không áp dụng: chuyên mục chỉ bắt buộc với {who}.',
  en: 'Not applicable: mandatory only for {whoEn}.',
};
const NOT_RENDERED: Bilingual = {
  vi: 'Chưa kết luận được: trang {url} được dựng bằng JavaScript ({why}) nhưng chưa được trình duyệt dựng ({error}). Cần kiểm tra lại.',
  en: 'Cannot decide: the page {url} is built by JavaScript ({why}) and was not rendered by a browser ({error}). Check again.',
};
const UNREACHABLE: Bilingual = {
  vi: 'Không truy cập được cổng thông tin: {error}',
  en: 'The portal could not be reached: {error}',
};

function canonical(url: string): string {
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}

function siteView(crawl: SchoolCrawl, mapping: SiteMapping, pack: RulePack): SiteView {
  const pages = new Map(crawl.pages.map((p) => [p.url, p]));
  const probes = new Map(crawl.attachments.map((a) => [a.url, a]));
  // A URL that repeated a page read under another URL stands for that page.
  const find = (url: string) => {
    const p = pages.get(url) ?? pages.get(canonical(url));
    return p?.duplicateOf ? (pages.get(p.duplicateOf) ?? p) : p;
  };
  return {
    home: pages.get(crawl.homeUrl),
    page: find,
    // Probes are keyed by canonical URL; attachments keep the URL as written on the page.
    probe: (url) => probes.get(url) ?? probes.get(canonical(url)),
    sectionsOf: (url) => (mapping.pageSections.get(url) ?? []).map((a) => a.id),
    pageLimitReached: crawl.stats.pageLimitReached,
    menu: menuEntries(crawl, pages, new Set(pack.settings.ignoreLabels.map(normaliseVi))),
    pageCount: crawl.pages.filter((p) => p.status > 0 && p.status < 400 && !p.error && !p.duplicateOf).length,
  };
}

/**
 * The home page's menu entries that lead to pages of the site, each once, with what became of them.
 * Entries the rule pack ignores (Trang chủ, Liên hệ, Đăng nhập …) hold no section.
 */
function menuEntries(crawl: SchoolCrawl, pages: Map<string, PageFacts>, ignore: Set<string>): MenuEntry[] {
  const home = pages.get(crawl.homeUrl);
  if (!home) return [];
  const out = new Map<string, MenuEntry>();
  for (const l of home.navLinks) {
    if (l.region === 'footer' || !isSameSite(l.url, crawl.homeUrl) || fileExt(l.url) || ignore.has(normaliseVi(l.label))) continue;
    const url = canonical(l.url);
    if (url === crawl.homeUrl || out.has(url)) continue;
    const p = pages.get(url);
    const state = !p ? 'unread' : p.status >= 400 || p.status === 0 || p.error ? 'error' : 'read';
    out.set(url, { path: [...l.parents, l.label].join(' › '), top: l.parents[0] ?? l.label, url, state });
  }
  return [...out.values()];
}

function whoFor(section: RuleSection): Bilingual {
  const m = section.mandatory;
  if (typeof m === 'boolean') return { vi: '', en: '' };
  const vi = [...m.levels.map((l) => (l === 'MN' ? 'trường mầm non' : `trường ${l}`)), ...(m.boarding ? ['trường có bán trú'] : [])];
  const en = [...m.levels.map((l) => (l === 'MN' ? 'kindergartens' : `${l} schools`)), ...(m.boarding ? ['boarding schools'] : [])];
  return { vi: vi.join(' và '), en: en.join(' and ') };
}

function fill(t: Bilingual, vars: Record<string, string>): Bilingual {
  const f = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
  return { vi: f(t.vi), en: f(t.en) };
}

function sectionBase(section: RuleSection, mandatory: boolean): Omit<SectionResult, 'status' | 'findings'> {
  return {
    id: section.id,
    code: section.code,
    title: section.label.vi,
    titleEn: section.label.en,
    mandatory,
    pages: [],
    latestDate: null,
    notes: [],
    mapping: [],
    remediation: null,
  };
}

export function judgeSchool(crawl: SchoolCrawl, opts: JudgeOptions): SchoolResult {
  const { pack, params } = opts.rules;
  const school = crawl.school;
  const today = localDate(opts.asOf);
  const sections: SectionResult[] = [];
  let pages: PageIndexEntry[] = crawl.pages.map((p) => ({ ...pageBase(p), sections: [] }));

  if (!crawl.reachable) {
    const error = crawl.error ?? 'unknown error';
    for (const section of pack.sections) {
      const { applies, mandatory } = applicability(section, school);
      const f: Finding = applies
        ? { check: 'reachable', status: 'unknown', message: fill(UNREACHABLE, { error }), evidence: [school.url] }
        : { check: 'applicability', status: 'n/a', message: fill(NOT_APPLICABLE, { who: whoFor(section).vi, whoEn: whoFor(section).en }), evidence: [] };
      sections.push({ ...sectionBase(section, mandatory), status: f.status, findings: [f] });
    }
  } else {
    const mapping = mapSite(crawl, pack);
    const site = siteView(crawl, mapping, pack);
    pages = crawl.pages.map((p) => ({
      ...pageBase(p),
      sections: (mapping.pageSections.get(p.url) ?? []).map((a) => ({ id: a.id, score: a.score, reasons: a.reasons })),
    }));
    for (const section of pack.sections) {
      const { applies, mandatory } = applicability(section, school);
      if (!applies) {
        const who = whoFor(section);
        sections.push({
          ...sectionBase(section, false),
          status: 'n/a',
          findings: [{ check: 'applicability', status: 'n/a', message: fill(NOT_APPLICABLE, { who: who.vi, whoEn: who.en }), evidence: [] }],
        });
        continue;
      }
      const evidence = mapping.sections.get(section.id)!;
      const ctx: CheckContext = { asOf: opts.asOf, today, school, pack, section, mandatory, site, calendar: opts.calendar };
      const findings: Finding[] = [];
      const notes: Bilingual[] = [];
      let latest: string | undefined;
      for (const [i, ref] of section.checks.entries()) {
        const check = CHECKS.get(ref.check)!;
        const outcome: CheckOutcome = check.run(evidence, params.get(`${section.id}/${i}`), ctx);
        findings.push(...outcome.findings);
        notes.push(...(outcome.notes ?? []));
        if (outcome.latestDate && (!latest || outcome.latestDate > latest)) latest = outcome.latestDate;
        // A missing or empty section has nothing more to judge.
        if (ref.check === 'presence' && outcome.findings.some((f) => f.status !== 'pass' && f.status !== 'warn')) break;
      }
      // Content behind scripts that no browser read: a missing section is unknown, not failed; and a
      // section found only on such pages (a sitemap names them) was judged on the empty shell.
      const shellOnly = evidence.facts.length > 0 && evidence.facts.every((p) => p.needsRender && !p.rendered);
      const lost = findings.some((f) => f.status === 'fail') || shellOnly ? unrenderedSource(site.home, evidence.facts) : undefined;
      if (lost) {
        const message = fill(NOT_RENDERED, { url: lost.url, why: lost.needsRender ?? '', error: lost.renderError ?? '' });
        findings.splice(0, findings.length, { check: 'render', status: 'unknown', message, evidence: [lost.url] });
      }
      const status = worstStatus(findings);
      const result: SectionResult = {
        ...sectionBase(section, mandatory),
        status,
        pages: evidence.pages.slice(0, 20).map((p) => p.url),
        latestDate: latest ?? null,
        findings,
        notes,
        mapping: evidence.pages.slice(0, 10),
        remediation: status === 'fail' || status === 'warn' || status === 'unknown' ? section.remediation : null,
      };
      if (section.fixWithinDays !== undefined && (status === 'fail' || status === 'warn'))
        result.fixBy = addDays(today, section.fixWithinDays);
      const shot = evidence.facts.find((f) => f.screenshot)?.screenshot;
      if (shot) result.screenshot = shot;
      sections.push(result);
    }
  }
  return {
    id: school.id,
    name: school.name,
    url: school.url,
    level: school.level,
    boarding: school.boarding,
    reachable: crawl.reachable,
    error: crawl.error,
    pagesCrawled: crawl.pages.length,
    startedAt: crawl.startedAt,
    finishedAt: crawl.finishedAt,
    sections,
    summary: summarise(sections),
    pages,
    ...(homeShot(crawl) ? { screenshot: homeShot(crawl)! } : {}),
    crawlIssues: crawl.issues ?? [],
  };
}

/** A page's row in the index: what it is and, when something went wrong reading it, what. */
function pageBase(p: PageFacts): Omit<PageIndexEntry, 'sections'> {
  const note = [p.error, p.renderError && `${p.needsRender ? `${p.needsRender}: ` : ''}${p.renderError}`, p.truncated && 'HTML bị cắt ở giới hạn dung lượng / HTML cut at the size cap']
    .filter(Boolean)
    .join(' — ');
  return { url: p.url, title: p.title, status: p.status, ...(p.rendered ? { rendered: true } : {}), ...(note ? { note } : {}) };
}

function homeShot(crawl: SchoolCrawl): ScreenshotFact | undefined {
  return crawl.pages.find((p) => p.url === crawl.homeUrl)?.screenshot;
}

/** A page that needed a browser and did not get one: the home page (menus) or one of the section's. */
function unrenderedSource(home: PageFacts | undefined, pages: PageFacts[]): PageFacts | undefined {
  return [home, ...pages].find((p): p is PageFacts => !!p && !!p.needsRender && !p.rendered);
}

export interface ResultsMeta {
  tool: { name: string; version: string };
  generatedAt: Date;
}

export function judgeAll(crawls: SchoolCrawl[], opts: JudgeOptions, meta: ResultsMeta): AuditResults {
  return {
    tool: meta.tool,
    rulePack: { id: opts.rules.pack.id, title: opts.rules.pack.title.vi },
    asOf: formatInstant(opts.asOf),
    generatedAt: formatInstant(meta.generatedAt),
    schools: crawls.map((c) => judgeSchool(c, opts)),
  };
}

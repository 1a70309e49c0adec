/**
 * report.html: the district matrix and every school's sections in one self-contained file that opens
 * from a file share or an e-mail attachment, on a phone as well as a desktop. No scripts, no fetches:
 * inline CSS, and a Content-Security-Policy that forbids anything else, so even a page title that
 * slipped past escaping could not run or load a thing. Every text from school pages is escaped;
 * links go only to http(s) URLs (`safeLink`) and screenshots only to plain relative paths (`safeFileLink`).
 */
import { localDate, localTime, parseInstant } from '../calendar/time.js';
import type { RulePack } from '../rules/schema.js';
import type { AuditResults, Bilingual, Finding, NotAuditedSchool, SchoolResult, ScreenshotFact, SectionResult, Status } from '../types.js';
import { safeFileLink, safeLink, xmlSafe } from './cells.js';
import { CRAWL_ISSUES_TITLE, STATUS_COLOURS, STATUS_LABELS, STATUS_ORDER, STATUS_SYMBOLS, crawlIssueStatus, mandatoryTally, shortLabel, tallyLine, viDate, type Lang } from './labels.js';

const T = {
  heading: { vi: 'Kết quả rà soát cổng thông tin điện tử các trường', en: 'School portal audit results' },
  asOf: { vi: 'Thời điểm rà soát', en: 'Audit instant' },
  hanoi: { vi: 'giờ Hà Nội', en: 'Hà Nội time' },
  generated: { vi: 'Lập lúc', en: 'Generated' },
  reference: { vi: 'Căn cứ', en: 'Under' },
  matrix: { vi: 'Bảng tổng hợp', en: 'District matrix' },
  school: { vi: 'Trường', en: 'School' },
  mandatory: { vi: 'Bắt buộc đạt', en: 'Mandatory passed' },
  passedOf: { vi: 'đạt {x}/{y} bắt buộc', en: 'passed {x}/{y} mandatory' },
  failing: { vi: 'Số trường không đạt', en: 'Schools failing' },
  legend: { vi: 'Chú giải', en: 'Legend' },
  unreachable: { vi: 'Trường không truy cập được', en: 'Schools that could not be reached' },
  unreachableOne: { vi: 'Không truy cập được', en: 'Could not be reached' },
  portal: { vi: 'Cổng TTĐT', en: 'Portal' },
  level: { vi: 'Cấp học', en: 'Level' },
  boarding: { vi: 'bán trú', en: 'boarding' },
  pages: { vi: 'Số trang đã đọc', en: 'Pages read' },
  homeShot: { vi: 'Ảnh chụp trang chủ', en: 'Home page screenshot' },
  shot: { vi: 'Ảnh chụp', en: 'Screenshot' },
  takenAt: { vi: 'chụp lúc', en: 'taken' },
  isMandatory: { vi: 'Bắt buộc', en: 'Mandatory' },
  optional: { vi: 'Không bắt buộc', en: 'Optional' },
  latest: { vi: 'Cập nhật gần nhất', en: 'Latest update' },
  sectionPages: { vi: 'Trang', en: 'Pages' },
  evidence: { vi: 'Bằng chứng', en: 'Evidence' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  remedy: { vi: 'Biện pháp khắc phục', en: 'Remedy' },
  fixBy: { vi: 'Thời hạn', en: 'Fix by' },
  back: { vi: 'Về bảng tổng hợp', en: 'Back to the matrix' },
  codes: { vi: 'Mã chuyên mục', en: 'Section codes' },
  noSchools: { vi: 'Không có trường nào trong kết quả.', en: 'No schools in the results.' },
  notAudited: { vi: 'Chưa rà soát (lần chạy bị dừng)', en: 'Not audited (the run was stopped)' },
} satisfies Record<string, Bilingual>;

/** The line under the title of a partial report: how many schools are missing and how to finish. */
const PARTIAL = (missing: number, total: number): Bilingual => ({
  vi: `Báo cáo chưa đầy đủ: ${missing}/${total} trường chưa được rà soát vì lần chạy bị dừng (xem mục "${T.notAudited.vi}"). Chạy lại với --resume để rà soát nốt.`,
  en: `Partial report: ${missing} of ${total} schools were not audited because the run was stopped (see "${T.notAudited.en}"). Run it again with --resume to finish.`,
});

/** Page text as HTML text or attribute value: XML-forbidden characters dropped, the five specials escaped. */
export function esc(s: string | null | undefined): string {
  return xmlSafe(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

/** `FFC6EFCE` → `#C6EFCE` */
const css = (argb: string) => `#${argb.slice(2)}`;

/** Characters of an id that are safe in a fragment without encoding. */
const fragmentSafe = (id: string) => id.replace(/[^A-Za-z0-9_.-]+/g, '-');

/** Anchor ids per school: `school-<id>`, unique even when two ids differ only in unsafe characters. */
function schoolAnchors(schools: SchoolResult[]): string[] {
  const used = new Set<string>();
  return schools.map((s) => {
    const base = `school-${fragmentSafe(s.id)}`;
    let a = base;
    for (let n = 2; used.has(a); n++) a = `${base}-${n}`;
    used.add(a);
    return a;
  });
}

/** The audit instant as "30/10/2026 17:00", or the raw text when it cannot be read. */
function when(instant: string): string {
  try {
    const d = parseInstant(instant);
    return `${viDate(localDate(d))} ${localTime(d)}`;
  } catch {
    return instant;
  }
}

function link(url: string, text?: string): string {
  const href = safeLink(url);
  const shown = esc(text ?? url);
  return href ? `<a href="${esc(href)}" rel="noreferrer">${shown}</a>` : `<span class="nolink">${shown}</span>`;
}

function badge(status: Status, lang: Lang): string {
  return `<span class="badge st-${cssStatus(status)}">${STATUS_SYMBOLS[status]} ${esc(STATUS_LABELS[status][lang])}</span>`;
}

const cssStatus = (s: Status) => (s === 'n/a' ? 'na' : s);

/** A primary line in `lang` and, smaller, the same text in the other language. */
function twoLang(b: Bilingual, lang: Lang): string {
  const o = other(lang);
  const second = b[o] && b[o] !== b[lang] ? `<br><small lang="${o}">${esc(b[o])}</small>` : '';
  return `<span class="primary">${esc(b[lang])}</span>${second}`;
}

function screenshot(shot: ScreenshotFact | undefined, caption: string, lang: Lang): string {
  const href = shot ? safeFileLink(shot.file) : null;
  if (!shot || !href) return '';
  const alt = `${caption} (${T.takenAt[lang]} ${when(shot.takenAt)})`;
  return `<figure class="shot"><a href="${esc(href)}"><img loading="lazy" src="${esc(href)}" alt="${esc(alt)}"></a><figcaption>${esc(alt)}</figcaption></figure>`;
}

// ───────────────────────────── matrix ─────────────────────────────

interface MatrixColumn {
  id: string;
  code: string;
  label: string;
}

/** The pack's sections in its order, then any section a result holds that the pack does not. */
function matrixColumns(results: AuditResults, pack: RulePack, lang: Lang): MatrixColumn[] {
  const cols = pack.sections.map((s) => ({ id: s.id, code: s.code, label: s.label[lang] }));
  const known = new Set(cols.map((c) => c.id));
  for (const school of results.schools)
    for (const s of school.sections)
      if (!known.has(s.id)) {
        known.add(s.id);
        cols.push({ id: s.id, code: s.code, label: lang === 'vi' ? s.title : s.titleEn });
      }
  return cols;
}

function matrix(results: AuditResults, pack: RulePack, lang: Lang, anchors: string[]): string {
  const cols = matrixColumns(results, pack, lang);
  const head = cols.map((c) => `<th scope="col" title="${esc(`${c.code} ${c.label}`)}"><span class="code">${esc(c.code)}</span></th>`).join('');
  const rows = results.schools.map((school, i) => {
    const byId = new Map(school.sections.map((s) => [s.id, s]));
    const cells = cols.map((c) => {
      const s = byId.get(c.id);
      if (!s) return '<td></td>';
      const title = `${c.code} ${shortLabel(c.label)}: ${STATUS_LABELS[s.status][lang]}`;
      return `<td class="st-${cssStatus(s.status)}" title="${esc(title)}"><a href="#${anchors[i]}--${fragmentSafe(s.id)}">${STATUS_SYMBOLS[s.status]}</a></td>`;
    });
    const t = mandatoryTally(school);
    const tally = T.passedOf[lang].replace('{x}', String(t.pass)).replace('{y}', String(t.total));
    const down = school.reachable ? '' : ` <span class="down" title="${esc(school.error ?? '')}">${esc(T.unreachableOne[lang])}</span>`;
    return `<tr class="school-row"><th scope="row"><a href="#${anchors[i]}">${esc(school.name)}</a>${down}</th>${cells.join('')}<td class="tally">${esc(tally)}</td></tr>`;
  });
  const failing = cols.map((c) => {
    const n = results.schools.filter((s) => s.sections.some((x) => x.id === c.id && x.status === 'fail')).length;
    return `<td${n ? ' class="st-fail"' : ''}>${n}</td>`;
  });
  return `<div class="matrix-box"><table class="matrix">
<thead><tr><th scope="col" class="corner">${esc(T.school[lang])}</th>${head}<th scope="col">${esc(T.mandatory[lang])}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><th scope="row">${esc(T.failing[lang])}</th>${failing.join('')}<td></td></tr></tfoot>
</table></div>`;
}

/** The codes of the matrix's header spelled out: a phone shows no tooltips. */
function codeList(results: AuditResults, pack: RulePack, lang: Lang): string {
  const items = matrixColumns(results, pack, lang).map((c) => `<li><span class="code">${esc(c.code)}</span> ${esc(c.label)}</li>`);
  return `<details class="codes"><summary>${esc(T.codes[lang])}</summary><ul>${items.join('')}</ul></details>`;
}

function legend(lang: Lang): string {
  const items = STATUS_ORDER.map((s) => `<li><span class="sym st-${cssStatus(s)}">${STATUS_SYMBOLS[s]}</span> ${esc(STATUS_LABELS[s][lang])} <small lang="${other(lang)}">/ ${esc(STATUS_LABELS[s][other(lang)])}</small></li>`);
  return `<p class="legend-title">${esc(T.legend[lang])}:</p><ul class="legend">${items.join('')}</ul>`;
}

function unreachableList(results: AuditResults, lang: Lang, anchors: string[]): string {
  const down = results.schools.map((s, i) => ({ s, a: anchors[i]! })).filter(({ s }) => !s.reachable);
  if (!down.length) return '';
  const items = down.map(({ s, a }) => `<li><a href="#${a}">${esc(s.name)}</a> — ${link(s.url)}: <span class="error">${esc(s.error ?? '')}</span></li>`);
  return `<h2>${esc(T.unreachable[lang])}</h2><ul class="unreachable">${items.join('')}</ul>`;
}

/** Schools of the list a stopped run never finished: they have no block below, only their portal. */
function notAuditedList(missing: NotAuditedSchool[], lang: Lang): string {
  if (!missing.length) return '';
  const items = missing.map((s) => `<li>${esc(s.name)} (${esc(s.id)}) — ${link(s.url)}</li>`);
  return `<h2 id="not-audited">${esc(T.notAudited[lang])}</h2><ul class="not-audited">${items.join('')}</ul>\n`;
}

// ───────────────────────────── schools ─────────────────────────────

function findingItem(f: Finding, lang: Lang): string {
  const evidence = f.evidence.length ? `<div class="evidence">${esc(T.evidence[lang])}: ${f.evidence.map((u) => link(u)).join(' · ')}</div>` : '';
  return `<li class="finding"><span class="sym st-${cssStatus(f.status)}" title="${esc(STATUS_LABELS[f.status][lang])}">${STATUS_SYMBOLS[f.status]}</span> ${twoLang(f.message, lang)}${evidence}</li>`;
}

function sectionBlock(s: SectionResult, anchor: string, lang: Lang): string {
  const title = lang === 'vi' ? s.title : s.titleEn || s.title;
  const facts: string[] = [`<span>${esc(s.mandatory ? T.isMandatory[lang] : T.optional[lang])}</span>`];
  if (s.latestDate) facts.push(`<span>${esc(T.latest[lang])}: ${esc(viDate(s.latestDate))}</span>`);
  if (s.fixBy && s.status !== 'pass' && s.status !== 'n/a') facts.push(`<span>${esc(T.fixBy[lang])}: ${esc(viDate(s.fixBy))}</span>`);
  const parts = [
    `<h3><span class="code">${esc(s.code)}</span> ${esc(title)} ${badge(s.status, lang)}</h3>`,
    `<p class="facts">${facts.join(' · ')}</p>`,
  ];
  if (s.findings.length) parts.push(`<ul class="findings">${s.findings.map((f) => findingItem(f, lang)).join('')}</ul>`);
  if (s.notes.length) parts.push(`<p class="notes">${esc(T.notes[lang])}: ${s.notes.map((n) => twoLang(n, lang)).join('; ')}</p>`);
  if (s.remediation && s.status !== 'pass' && s.status !== 'n/a') parts.push(`<p class="remedy"><b>${esc(T.remedy[lang])}:</b> ${twoLang(s.remediation, lang)}</p>`);
  if (s.pages.length) parts.push(`<p class="pages">${esc(T.sectionPages[lang])}: ${s.pages.map((u) => link(u)).join(' · ')}</p>`);
  parts.push(screenshot(s.screenshot, `${T.shot[lang]} ${s.code} ${title}`, lang));
  return `<article class="section st-border-${cssStatus(s.status)}" id="${anchor}--${fragmentSafe(s.id)}">${parts.join('\n')}</article>`;
}

/** Faults of the site met while crawling: before the sections, since they may explain them. */
function crawlIssuesBlock(school: SchoolResult, lang: Lang): string {
  const issues = school.crawlIssues ?? [];
  if (!issues.length) return '';
  const items = issues.map((i) => {
    const status = crawlIssueStatus(i);
    const urls = i.urls.length ? `<br><span class="evidence">${i.urls.map((u) => link(u)).join(' · ')}</span>` : '';
    return `<li class="finding"><span class="badge st-${cssStatus(status)}">${STATUS_SYMBOLS[status]} ${esc(STATUS_LABELS[status][lang])}</span> ${twoLang(i.message, lang)}${urls}</li>`;
  });
  return `<div class="crawl-issues"><h3>${esc(CRAWL_ISSUES_TITLE[lang])}</h3><ul class="findings">${items.join('')}</ul></div>`;
}

function schoolBlock(school: SchoolResult, anchor: string, lang: Lang): string {
  const t = mandatoryTally(school);
  const meta = [
    `${esc(T.portal[lang])}: ${link(school.url)}`,
    `${esc(T.level[lang])}: ${esc(school.level)}${school.boarding ? ` (${esc(T.boarding[lang])})` : ''}`,
    `${esc(T.pages[lang])}: ${school.pagesCrawled}`,
  ];
  const down = school.reachable ? '' : `<p class="error-box"><b>${esc(T.unreachableOne[lang])}:</b> ${esc(school.error ?? '')}</p>`;
  return `<section class="school" id="${anchor}">
<h2>${esc(school.name)}</h2>
<p class="meta">${meta.join('<br>')}</p>
<p class="tally-line"><b>${esc(tallyLine(t, lang))}</b></p>
${down}${crawlIssuesBlock(school, lang)}${screenshot(school.screenshot, T.homeShot[lang], lang)}
${school.sections.map((s) => sectionBlock(s, anchor, lang)).join('\n')}
<p class="back"><a href="#matrix">↑ ${esc(T.back[lang])}</a></p>
</section>`;
}

// ───────────────────────────── page ─────────────────────────────

function styles(): string {
  const status = (Object.keys(STATUS_COLOURS) as Status[])
    .map((s) => {
      const c = STATUS_COLOURS[s];
      const k = cssStatus(s);
      return `.st-${k}{background:${css(c.fill)};color:${css(c.font)}}.st-${k} a{color:${css(c.font)}}.st-border-${k}{border-left-color:${css(c.font)}}`;
    })
    .join('\n');
  return `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:84rem;padding:0 .75rem 2rem;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1b1b;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:1rem 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:0 0 .25rem}
small{color:#555;font-size:.85em}
a{color:#0563c1}
.matrix-box{overflow-x:auto;max-width:100%;border:1px solid #ccc}
.matrix{border-collapse:collapse;font-size:.85rem}
.matrix th,.matrix td{border:1px solid #ccc;padding:.2rem .3rem;text-align:center;vertical-align:middle}
.matrix tbody th,.matrix tfoot th,.matrix .corner{position:sticky;left:0;background:#f4f4f4;text-align:left;min-width:9rem;max-width:14rem;overflow-wrap:normal;word-break:normal;z-index:1}
.matrix thead th{background:#f4f4f4}
.matrix td a{display:block;text-decoration:none;font-weight:bold;min-width:1.4rem}
.matrix .tally{white-space:nowrap}
.code{font-weight:bold;white-space:nowrap}
.down{display:block;font-size:.8em;color:${css(STATUS_COLOURS.fail.font)}}
.legend{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.legend-title{margin:.5rem 0 0}
.codes{font-size:.9rem;margin:.5rem 0}.codes ul{list-style:none;padding-left:.5rem;margin:.25rem 0}
.sym{display:inline-block;min-width:1.4em;text-align:center;font-weight:bold;border-radius:3px}
.badge{display:inline-block;padding:0 .4em;border-radius:3px;font-size:.85em;font-weight:bold;white-space:nowrap}
.school{border-top:3px solid #888;margin-top:2rem}
.section{border-left:5px solid #ccc;padding:.4rem .6rem;margin:.6rem 0;background:#fafafa}
.facts,.notes,.remedy,.pages,.meta{margin:.25rem 0;font-size:.9rem}
.findings{margin:.25rem 0;padding-left:1.2rem}
.finding{margin:.2rem 0}
.evidence{font-size:.85rem}
.error,.error-box{color:${css(STATUS_COLOURS.fail.font)}}
.shot{margin:.5rem 0}.shot img{max-width:100%;height:auto;border:1px solid #ccc}.shot figcaption{font-size:.8rem;color:#555}
${status}
@media print{.matrix-box{overflow:visible}.section{break-inside:avoid}}`;
}

/**
 * The whole report: title and audit instant (and, when a stopped run left schools out, a line saying
 * the report is partial), the district matrix (one row per school, linked to its section below), the
 * unreachable schools, the schools not audited, then each school's sections with findings, evidence
 * and screenshots. `lang` chooses the labels and which language of a message comes first.
 */
export function reportHtml(results: AuditResults, pack: RulePack, lang: Lang = 'vi'): string {
  const parts = reportHtmlParts(results, pack, lang);
  return `${parts.head}${results.schools.map((s, i) => parts.school(s, i)).join('')}${parts.tail}`;
}

/**
 * report.html in pieces, so it can be written a school at a time: `head`, then `school(s, i)` for
 * each school in order, then `tail`. The head needs of each school only what `slimSchool` keeps
 * (statuses, names, reachability); `school` needs the whole result.
 */
export function reportHtmlParts(results: AuditResults, pack: RulePack, lang: Lang = 'vi') {
  const anchors = schoolAnchors(results.schools);
  const missing = results.notAudited ?? [];
  const partial = missing.length ? `<p class="error-box"><b>${twoLang(PARTIAL(missing.length, missing.length + results.schools.length), lang)}</b></p>\n` : '';
  const asOf = when(results.asOf);
  const title = `${T.heading[lang]} — ${asOf}`;
  const d = pack.document;
  const reference =
    lang === 'vi' ? `Công văn số ${d.number} ngày ${viDate(d.date)} của ${d.issuer}` : `Letter ${d.number} of ${viDate(d.date)} (${d.issuer})`;
  // Images: the screenshots beside the file (file: when opened from disk, 'self' from a web server).
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file: data:; base-uri 'none'; form-action 'none'";
  const head = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="${esc(`${results.tool.name} ${results.tool.version}`)}">
<title>${esc(title)}</title>
<style>
${styles()}
</style>
</head>
<body>
<header>
<h1>${esc(T.heading[lang])}</h1>
${partial}<p>${esc(pack.title[lang])}<br>${esc(T.reference[lang])}: ${esc(reference)}</p>
<p><b>${esc(T.asOf[lang])}:</b> <time datetime="${esc(results.asOf)}">${esc(asOf)}</time> (${esc(T.hanoi[lang])}) · ${esc(T.generated[lang])}: ${esc(when(results.generatedAt))}</p>
</header>
<main>
<h2 id="matrix">${esc(T.matrix[lang])}</h2>
${results.schools.length ? matrix(results, pack, lang, anchors) : `<p>${esc(T.noSchools[lang])}</p>`}
${legend(lang)}
${codeList(results, pack, lang)}
${unreachableList(results, lang, anchors)}
${notAuditedList(missing, lang)}`;
  return {
    head,
    school: (s: SchoolResult, i: number) => `${i ? '\n' : ''}${schoolBlock(s, anchors[i]!, lang)}`,
    tail: '\n</main>\n</body>\n</html>\n',
  };
}

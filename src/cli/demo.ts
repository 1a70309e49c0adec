/**
 * `portal-audit demo`: serve the bundled fixture portals on 127.0.0.1 (one imitation per real
 * platform, one compliant and others with known faults, plus a dead address) and audit them into
 * ./reports/demo. The first thing a newcomer runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseSchools } from '../config/schools.js';
import { deadlineForWeek, formatInstant, shiftWeek, weeklyDeadline } from '../calendar/time.js';
import { loadWorkingCalendar } from '../calendar/working-days.js';
import { judgeAll } from '../judge/judge.js';
import { statusLabel } from '../report/labels.js';
import type { AuditResults, Status } from '../types.js';
import { CRAWL_FILE, readCrawlFile } from './crawl-file.js';
import { startFixtureServer } from '../demo/fixture-server.js';
import { loadRulePack } from '../rules/load.js';
import { runSummary } from '../report/console.js';
import { EXIT } from './exit-codes.js';
import { stderrLog } from './log.js';
import { parseAsOf, parseLang, TOOL } from './options.js';
import { runAudit } from './pipeline.js';

export interface DemoFlags {
  out?: string;
  asOf?: string;
  lang?: string;
  quiet?: boolean;
}

export async function demoCommand(flags: DemoFlags): Promise<number> {
  const now = new Date();
  const asOf = parseAsOf(flags.asOf, now);
  const outDir = flags.out ?? 'reports/demo';
  const lang = parseLang(flags.lang);
  const log = stderrLog(flags.quiet);
  const rules = await loadRulePack();
  // The portals' dates follow the audit instant, so the compliant one is compliant whenever you run it.
  const server = await startFixtureServer({ anchor: asOf });
  try {
    const list = [
      ...server.portals.map((p) => ({ id: p.id, name: p.name, url: p.url, level: p.level, boarding: p.boarding })),
      { id: 'truong-mat-ket-noi', name: 'Trường có cổng không truy cập được (demo)', url: server.deadUrl, level: 'TH', boarding: false },
    ];
    const yamlText = `# Danh sách trường của bản demo / the demo's list of schools (fixture portals on 127.0.0.1)\n${stringify(list)}`;
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'schools.yaml'), yamlText);
    const schools = parseSchools(yamlText, join(outDir, 'schools.yaml'));
    log.info(`Demo: ${server.portals.length} cổng mẫu / fixture portals on 127.0.0.1 + 1 địa chỉ chết / dead address; thời điểm / as of ${formatInstant(asOf)}`);
    for (const p of server.portals) log.info(`  ${p.id.padEnd(20)} ${p.url}  (${p.platform}, ${p.level}${p.boarding ? ', bán trú' : ''})`);
    const results = await runAudit({ schools, rules, asOf, outDir, crawl: { maxPages: 300, notice: (line) => log.warn(line) }, log, now, lang });
    process.stdout.write(`\n${runSummary(results, { color: !!process.stdout.isTTY && !process.env.NO_COLOR, lang })}\n`);
    process.stdout.write(`\n${await deadlineExample(join(outDir, CRAWL_FILE), rules, asOf, now)}\n`);
    log.info(`\nBáo cáo / reports: ${outDir}/`);
    log.info('  results.json, summary.xlsx, junit.xml, crawl.json.gz, schools.yaml, report.html, <trường>.xlsx và/and screenshots/');
    log.info(`Chấm lại không cần mạng / judge again offline: npx portal-audit judge ${outDir}/${CRAWL_FILE} --as-of <ISO>`);
    return EXIT.ok;
  } finally {
    await server.close();
  }
}

const WEEKLY_SECTIONS = ['lich-cong-tac-tuan', 'thuc-don'];
const MINUTE = 60_000;

/**
 * The Friday 16:00 rule made visible: the saved crawl judged again one minute before and one minute
 * after the next weekly deadline, as if nothing changed on the portals until then.
 */
export async function deadlineExample(crawlFile: string, rules: Awaited<ReturnType<typeof loadRulePack>>, asOf: Date, now: Date): Promise<string> {
  const crawl = await readCrawlFile(crawlFile);
  const calendar = loadWorkingCalendar();
  const rule = rules.pack.settings.weeklyDeadline;
  const week = weeklyDeadline(asOf, rule);
  // The next deadline: this week's Friday 16:00, or next week's once it has passed.
  const deadline = week.hoursToDeadline > 0 ? week.deadline : deadlineForWeek(shiftWeek(week.currentWeek, 2), rule);
  const at = (t: Date) => judgeAll(crawl.schools, { asOf: t, rules, calendar }, { tool: TOOL, generatedAt: now });
  const instants = [new Date(deadline.getTime() - MINUTE), new Date(deadline.getTime() + MINUTE)] as const;
  const [before, after] = instants.map(at) as [AuditResults, AuditResults];
  const both = (s: Status) => `${statusLabel(s)} / ${statusLabel(s, 'en')}`;
  const time = (t: Date) => formatInstant(t).slice(0, 16).replace('T', ' ');
  const lines = [
    `Hạn đăng lịch tuần / weekly deadline ${time(deadline)}: cùng dữ liệu, chấm lúc / the same crawl judged at ${time(instants[0])} → ${time(instants[1])}`,
  ];
  for (const school of before.schools) {
    if (!school.reachable) continue;
    const later = after.schools.find((s) => s.id === school.id)!;
    for (const id of WEEKLY_SECTIONS) {
      const a = school.sections.find((s) => s.id === id);
      const b = later.sections.find((s) => s.id === id);
      if (!a || !b || a.status === 'n/a') continue;
      const mark = a.status === b.status ? ' ' : '*';
      lines.push(`${mark} ${school.id.padEnd(20)} ${`${a.code} ${id}`.padEnd(26)} ${both(a.status).padEnd(22)} → ${both(b.status)}`);
    }
  }
  lines.push('  (* đổi kết quả sau 16:00 thứ Sáu nếu cổng không cập nhật / changes after Friday 16:00 unless the portal is updated)');
  return lines.join('\n');
}

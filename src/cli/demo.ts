/**
 * `portal-audit demo`: serve the bundled fixture portals on 127.0.0.1 (one imitation per real
 * platform, one compliant and others with known faults, plus a dead address) and audit them into
 * ./reports/demo. The first thing a newcomer runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseSchools } from '../config/schools.js';
import { formatInstant } from '../calendar/time.js';
import { startFixtureServer } from '../demo/fixture-server.js';
import { loadRulePack } from '../rules/load.js';
import { runSummary } from '../report/console.js';
import { EXIT } from './exit-codes.js';
import { stderrLog } from './log.js';
import { parseAsOf } from './options.js';
import { runAudit } from './pipeline.js';

export interface DemoFlags {
  out?: string;
  asOf?: string;
  quiet?: boolean;
}

export async function demoCommand(flags: DemoFlags): Promise<number> {
  const now = new Date();
  const asOf = parseAsOf(flags.asOf, now);
  const outDir = flags.out ?? 'reports/demo';
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
    const results = await runAudit({ schools, rules, asOf, outDir, crawl: { maxPages: 300 }, log, now });
    process.stdout.write(`\n${runSummary(results, { color: !!process.stdout.isTTY && !process.env.NO_COLOR, lang: 'vi' })}\n`);
    log.info(`\nBáo cáo / reports: ${outDir}/`);
    log.info('  results.json, summary.xlsx, junit.xml, crawl.json.gz, schools.yaml và/and <trường>.xlsx');
    log.info(`Chấm lại không cần mạng / judge again offline: npx portal-audit judge ${outDir}/crawl.json.gz --as-of <ISO>`);
    return EXIT.ok;
  } finally {
    await server.close();
  }
}

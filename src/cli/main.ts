/**
 * The command line: parse flags, call the core, choose the exit code (SPEC "Command line").
 * Each command is loaded when it runs: `rules` and `--help` need no crawler or spreadsheet library.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../config/errors.js';
import { EXIT } from './exit-codes.js';
import { TOOL } from './options.js';

function crawlFlags(cmd: Command): Command {
  return cmd
    .option('--concurrency <n>', 'requests in flight, all schools together / số yêu cầu đồng thời (16)')
    .option('--per-host <n>', 'requests in flight per site / số yêu cầu đồng thời mỗi cổng (2)')
    .option('--per-host-delay <ms>', 'pause between two requests to one site / giãn cách giữa hai yêu cầu tới một cổng (0; robots.txt Crawl-delay may raise it)')
    .option('--max-pages <n>', 'pages per school / số trang tối đa mỗi trường (300)')
    .option('--max-depth <n>', 'link depth from the home page / độ sâu liên kết (5)')
    .option('--timeout <seconds>', 'per request / thời gian chờ mỗi yêu cầu (15)')
    .option('--retries <n>', 'retries of a timeout, reset, 5xx or 429 / số lần thử lại lỗi tạm thời (2; 0 = none)')
    .option('--school-budget <minutes>', 'wall time per school, then it stops with what it read / thời gian tối đa mỗi trường (15)')
    .option('--ignore-robots', "do not obey robots.txt (a district's own sites) / bỏ qua robots.txt")
    .option('--no-sitemaps', 'do not seed the crawl from sitemap.xml / không dùng sitemap.xml')
    .option('--insecure', 'go on past an invalid TLS certificate (still reported) / bỏ qua chứng chỉ không hợp lệ')
    .option('--allow-private', 'follow links to private or loopback addresses / cho phép địa chỉ nội bộ')
    .addOption(
      new Option('--render <mode>', 'browser rendering: auto = pages built by JavaScript only / dựng trang bằng trình duyệt').choices(['auto', 'never', 'always']).default('auto'),
    )
    .option('--chromium <path>', 'Chromium binary (else $PORTAL_AUDIT_CHROMIUM, /usr/bin/chromium) / đường dẫn Chromium')
    .option('--no-screenshots', 'no screenshots or layout check / không chụp màn hình');
}

const asOf = () => new Option('--as-of <iso>', 'audit instant, ISO 8601 / thời điểm rà soát (now), e.g. 2026-10-30T15:00+07:00');
const calendarFiles = () =>
  new Option('--calendar <file>', 'days off and make-up Saturdays, added to rules/calendar/vn.yaml (repeatable) / lịch nghỉ bổ sung').argParser(
    (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
  );
const lang = () => new Option('--lang <lang>', 'language of reports and messages / ngôn ngữ báo cáo').choices(['vi', 'en']).default('vi');
const failOn = () => new Option('--fail-on <level>', 'exit 1 at or above / thoát mã 1 khi có').choices(['fail', 'warn', 'never']).default('fail');

export function program(setExit: (code: number) => void): Command {
  const p = new Command('portal-audit')
    .description(
      'Rà soát Cổng TTĐT trường học theo Công văn 289/VP-CNTT (Long Biên)\nAudits school web portals against letter 289/VP-CNTT and writes the official reports.',
    )
    .version(TOOL.version)
    .showHelpAfterError()
    .exitOverride();

  crawlFlags(
    p
      .command('audit')
      .description('crawl, judge and report every school of a list / rà soát danh sách trường')
      .argument('<schools.yaml>', 'list of schools / danh sách trường')
      .option('--out <dir>', 'output folder / thư mục kết quả (reports/<YYYY-MM-DD>)')
      .addOption(asOf())
      .option('--rules <file>', 'rule pack / bộ quy tắc (rules/longbien-289-2017.yaml)')
      .addOption(calendarFiles())
      .addOption(lang())
      .addOption(failOn())
      .option('--shard <i/n>', 'audit only part i of n of the list (stable hash of the id) / chỉ rà soát phần i trong n phần')
      .option('--resume', 'go on from the journal in --out: finished schools are not crawled again / tiếp tục lần chạy bị dừng')
      .option('--log-format <format>', 'text | json (one JSON object per line on stderr) / định dạng nhật ký (text)')
      .option('-q, --quiet', 'only warnings and errors on stderr / chỉ in cảnh báo và lỗi'),
  ).action(async (file: string, flags) => setExit(await (await import('./audit.js')).auditCommand(file, flags)));

  crawlFlags(
    p
      .command('check')
      .description('check one portal (CI, before the Friday deadline) / kiểm tra một cổng')
      .argument('<url>', 'home page of the portal / trang chủ')
      .option('--level <level>', 'MN | TH | THCS | THPT | TH-THCS … (guessed from the host)')
      .option('--boarding', 'boarding school (bán trú): the menu is mandatory')
      .option('--name <name>', 'school name / tên trường')
      .addOption(asOf())
      .option('--rules <file>', 'rule pack / bộ quy tắc')
      .addOption(calendarFiles())
      .addOption(new Option('--format <format>', 'output / định dạng').choices(['table', 'json', 'junit']).default('table'))
      .addOption(lang())
      .addOption(failOn())
      .option('--out <dir>', 'also write the reports there / ghi thêm báo cáo')
      .option('-q, --quiet', 'only errors on stderr'),
  ).action(async (url: string, flags) => setExit(await (await import('./check.js')).checkCommand(url, flags)));

  p.command('judge')
    .description('judge a saved crawl again, no network / chấm lại dữ liệu đã thu thập')
    .argument('<crawl.json.gz>', 'facts saved by audit / tệp crawl')
    .addOption(asOf())
    .option('--rules <file>', 'rule pack / bộ quy tắc')
    .addOption(calendarFiles())
    .addOption(lang())
    .option('--out <dir>', 'output folder (the crawl file’s folder)')
    .addOption(failOn())
    .option('-q, --quiet', 'only errors on stderr')
    .action(async (file: string, flags) => setExit(await (await import('./judge.js')).judgeCommand(file, flags)));

  p.command('merge')
    .description('join the results of several runs (shards) into one set of reports / gộp kết quả nhiều lần chạy')
    .argument('<results.json...>', 'results.json of each shard / tệp kết quả của từng phần')
    .requiredOption('--out <dir>', 'output folder / thư mục kết quả')
    .option('--rules <file>', 'rule pack the shards were judged with / bộ quy tắc')
    .addOption(lang())
    .addOption(failOn())
    .option('-q, --quiet', 'only errors on stderr')
    .action(async (files: string[], flags) => setExit(await (await import('./merge.js')).mergeCommand(files, flags)));

  p.command('rules')
    .description('validate a rule pack and list its sections / kiểm tra bộ quy tắc')
    .argument('[file]', 'rule pack (the bundled 289/VP-CNTT pack)')
    .action(async (file?: string) => setExit(await (await import('./rules.js')).rulesCommand(file)));

  p.command('demo')
    .description('serve the bundled fixture portals on 127.0.0.1 and audit them / chạy thử')
    .option('--out <dir>', 'output folder', 'reports/demo')
    .addOption(asOf())
    .addOption(lang())
    .option('-q, --quiet', 'only errors on stderr')
    .action(async (flags) => setExit(await (await import('./demo.js')).demoCommand(flags)));

  return p;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const p = program((c) => (code = c));
  try {
    await p.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors are bad input.
      return e.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    if (e instanceof InputError) {
      process.stderr.write(`portal-audit: ${e.toString()}\n`);
      return EXIT.input;
    }
    // A system error (a folder that cannot be written, a full disk) needs its message; a bug, its stack.
    const err = e as NodeJS.ErrnoException;
    const detail = err?.code && !process.env.PORTAL_AUDIT_DEBUG ? err.message : (err?.stack ?? String(e));
    process.stderr.write(`portal-audit: lỗi khi chạy / the run failed: ${detail}\n`);
    return EXIT.runFailed;
  }
}

process.exitCode = await main(process.argv);

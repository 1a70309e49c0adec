/**
 * Crawl issues: what the crawl of one school met that the school's staff or the district should
 * know (a trap, a bad certificate, pages too big, robots.txt closing pages, the time running out).
 * The school's run notes what happened as it goes (a count and a few URLs per kind: bounded);
 * `buildCrawlIssues` turns the notes into bilingual `CrawlIssue`s when the school is done.
 */
import type { Bilingual, CrawlIssue, CrawlIssueKind, CrawlStats } from '../types.js';
import type { FetchResult } from './fetcher.js';
import type { TrapFamily, TrapRule } from './traps.js';

const MAX_EXAMPLES = 5;

interface Tally {
  count: number;
  urls: string[];
  /** The first detail met (a TLS error code, a status). */
  detail?: string;
  /** At least one of them was not overcome (a 429 still there after the retries). */
  unresolved?: boolean;
}

/** What a page fetch may carry beyond the core fields (retries and TLS come from the HTTP client). */
type Observed = Pick<FetchResult, 'answer' | 'failure' | 'finalUrl'> & { retryAfterMs?: number; tlsError?: string };

/** The faults met while crawling one school, counted with a few example URLs each. */
export class CrawlNotes {
  private readonly tallies = new Map<CrawlIssueKind, Tally>();

  note(kind: CrawlIssueKind, url: string, detail?: string, unresolved = false): void {
    let t = this.tallies.get(kind);
    if (!t) {
      t = { count: 0, urls: [] };
      this.tallies.set(kind, t);
    }
    t.count++;
    if (t.urls.length < MAX_EXAMPLES && !t.urls.includes(url)) t.urls.push(url);
    if (detail && !t.detail) t.detail = detail;
    if (unresolved) t.unresolved = true;
  }

  get(kind: CrawlIssueKind): Readonly<Tally> | undefined {
    return this.tallies.get(kind);
  }

  /** Reads what one page fetch tells about the site. */
  page(url: string, r: Observed): void {
    const a = r.answer;
    const where = r.finalUrl || url;
    if (r.retryAfterMs && r.retryAfterMs > 0) this.note('rate-limited', where, `${Math.round(r.retryAfterMs / 1000)} s`, a?.status === 429);
    else if (a?.status === 429 && !r.failure) this.note('rate-limited', where, undefined, true);
    if (r.tlsError) this.note('tls', where, r.tlsError);
    if (a?.truncated) this.note('truncated', where);
    if (a && a.status >= 500 && !r.failure) this.note('server-errors', where, `HTTP ${a.status}`);
    switch (r.failure?.kind as string | undefined) {
      case 'tls':
        if (!r.tlsError) this.note('tls', where, r.failure!.detail);
        break;
      case 'timeout':
        this.note('slow', where, r.failure!.detail);
        break;
      case 'redirect-loop':
      case 'too-many-redirects':
        this.note('redirects', url, r.failure!.kind);
        break;
      case 'private-address':
        this.note('private-address', where, r.failure!.detail);
        break;
    }
  }
}

export interface IssueContext {
  stats: CrawlStats;
  maxPages: number;
  maxBodyBytes: number;
  /** Pages still queued when the crawl stopped. */
  queued: number;
  traps: TrapFamily[];
  /** robots.txt forbids the home page itself to us: the whole site is closed to the audit. */
  robotsClosedSite: boolean;
  /** The time budget in ms, when it ran out. */
  budgetExpiredMs?: number;
}

const TRAP_RULES: Record<TrapRule, Bilingual> = {
  counter: { vi: 'lịch hoặc bộ đếm liên kết tới giá trị kế tiếp mãi mãi', en: 'a calendar or counter linking to its next value forever' },
  'far-date': { vi: 'lịch dẫn tới những năm quá xa hiện tại', en: 'a calendar leading to years far from now' },
  'repeating-path': { vi: 'đường dẫn lặp lại cùng một đoạn', en: 'a path repeating the same segment' },
  'deep-path': { vi: 'đường dẫn sâu bất thường', en: 'an abnormally deep path' },
  'many-params': { vi: 'địa chỉ có quá nhiều tham số', en: 'URLs with too many query parameters' },
  'query-explosion': { vi: 'một trang dưới quá nhiều tổ hợp tham số', en: 'one page under too many query combinations' },
};

function size(bytes: number): string {
  const mb = 1024 * 1024;
  return bytes >= mb ? `${+(bytes / mb).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function issue(kind: CrawlIssueKind, severity: CrawlIssue['severity'], message: Bilingual, t: Pick<Tally, 'urls' | 'count'>): CrawlIssue {
  return { kind, severity, message, urls: t.urls.slice(0, MAX_EXAMPLES), count: t.count };
}

/** The school's crawl issues, most telling first. For an unreachable school only the TLS fault is added: its error says the rest. */
export function buildCrawlIssues(notes: CrawlNotes, ctx: IssueContext, reachable: boolean): CrawlIssue[] {
  const out: CrawlIssue[] = [];
  const t = (kind: CrawlIssueKind): Tally | undefined => notes.get(kind);
  const tls = t('tls');
  if (tls) {
    const d = tls.detail ? ` (${tls.detail})` : '';
    out.push(issue('tls', 'warn', { vi: `Chứng chỉ không hợp lệ${d}`, en: `Invalid certificate${d}` }, tls));
  }
  if (!reachable) return out;

  for (const f of ctx.traps) {
    const rule = TRAP_RULES[f.rule];
    out.push(
      issue(
        'trap',
        'warn',
        {
          vi: `Bẫy liên kết vô tận: ${rule.vi} (${f.pattern}) — đã bỏ qua ${f.skipped} địa chỉ`,
          en: `Endless link trap: ${rule.en} (${f.pattern}) — ${plural(f.skipped, 'URL')} skipped`,
        },
        { urls: f.examples, count: f.skipped },
      ),
    );
  }
  if (ctx.budgetExpiredMs !== undefined) {
    const ms = ctx.budgetExpiredMs;
    const time = ms < 60_000 ? { vi: `${+(ms / 1000).toFixed(1)} giây`, en: `${+(ms / 1000).toFixed(1)} s` } : { vi: `${+(ms / 60_000).toFixed(1)} phút`, en: `${+(ms / 60_000).toFixed(1)} min` };
    const n = ctx.stats.pages;
    out.push(
      issue(
        'time-budget',
        'warn',
        {
          vi: `Hết thời gian dành cho trường (${time.vi}): đã dừng với ${n} trang đã đọc, ${ctx.queued} trang chưa đọc`,
          en: `The school's time budget (${time.en}) ran out: stopped with ${plural(n, 'page')} read, ${ctx.queued} left unread`,
        },
        { urls: [], count: ctx.queued },
      ),
    );
  }
  if (ctx.stats.pageLimitReached) {
    out.push(
      issue(
        'page-limit',
        'warn',
        {
          vi: `Đã đạt giới hạn ${ctx.maxPages} trang, còn ${ctx.queued} trang chưa đọc`,
          en: `The limit of ${plural(ctx.maxPages, 'page')} was reached with ${plural(ctx.queued, 'page')} left unread`,
        },
        { urls: [], count: ctx.queued },
      ),
    );
  }
  const robots = t('robots') ?? (ctx.robotsClosedSite ? { count: 0, urls: [] } : undefined);
  if (robots) {
    const closed = ctx.robotsClosedSite;
    out.push(
      issue(
        'robots',
        closed ? 'warn' : 'info',
        closed
          ? {
              vi: `robots.txt chặn toàn bộ trang web với công cụ kiểm tra: chỉ đọc các trang được cấu hình, bỏ qua ${robots.count} liên kết`,
              en: `robots.txt closes the whole site to the audit tool: only the configured pages were read, ${plural(robots.count, 'link')} skipped`,
            }
          : {
              vi: `robots.txt chặn ${robots.count} liên kết, không đọc`,
              en: `robots.txt disallows ${plural(robots.count, 'link')}, not read`,
            },
        robots,
      ),
    );
  }
  const simple: [CrawlIssueKind, CrawlIssue['severity'], (x: Tally) => Bilingual][] = [
    ['server-errors', 'warn', (x) => ({ vi: `Máy chủ trả lỗi 5xx (${x.count} trang, ví dụ ${x.detail})`, en: `Server errors (${plural(x.count, 'page')}, e.g. ${x.detail})` })],
    ['slow', 'warn', (x) => ({ vi: `Máy chủ không trả lời kịp thời (${x.count} trang)`, en: `No answer in time (${plural(x.count, 'page')})` })],
    [
      'truncated',
      'warn',
      (x) => ({
        vi: `Trang HTML quá lớn, đã cắt ở ${size(ctx.maxBodyBytes)} (${x.count} trang)`,
        en: `HTML pages over ${size(ctx.maxBodyBytes)}, cut (${plural(x.count, 'page')})`,
      }),
    ],
    [
      'redirects',
      'warn',
      (x) => ({ vi: `Chuyển hướng vòng lặp hoặc quá nhiều lần (${x.count} địa chỉ)`, en: `Redirect loops or chains too long (${plural(x.count, 'URL')})` }),
    ],
    [
      'duplicates',
      'info',
      (x) => ({
        vi: `Cùng một trang trả về dưới nhiều địa chỉ (mã phiên, tham số bị bỏ qua): chỉ đọc một lần (${x.count} địa chỉ)`,
        en: `One page answered under many URLs (session ids, ignored parameters): read once (${plural(x.count, 'URL')})`,
      }),
    ],
    [
      'private-address',
      'warn',
      (x) => ({
        vi: `Liên kết tới địa chỉ mạng nội bộ, không theo (${x.count} địa chỉ)`,
        en: `Links to private network addresses, not followed (${plural(x.count, 'URL')})`,
      }),
    ],
  ];
  for (const [kind, severity, message] of simple) {
    const x = t(kind);
    if (x) out.push(issue(kind, severity, message(x), x));
  }
  const limited = t('rate-limited');
  if (limited) {
    const wait = limited.detail ? `, Retry-After ${limited.detail}` : '';
    out.push(
      issue(
        'rate-limited',
        limited.unresolved ? 'warn' : 'info',
        {
          vi: `Máy chủ yêu cầu đọc chậm lại (HTTP 429/503${wait}; ${limited.count} lần)`,
          en: `The server asked to slow down (HTTP 429/503${wait}; ${limited.count === 1 ? 'once' : `${limited.count} times`})`,
        },
        limited,
      ),
    );
  }
  return out;
}

/** "1 page", "3 pages": the English half reads as English (Vietnamese has no plural). */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

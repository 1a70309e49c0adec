/**
 * A hostile district for the fault tests: one small Vietnamese school per fault, each on its own
 * 127.0.0.1 port (its own site), with a menu that links to its fault page among a few good pages.
 * The faults are the accidents of real school servers: a slow page, 500s, a 429 with Retry-After,
 * an endless calendar, repeating paths, a 60 MB page, a redirect loop, a connection reset mid-body,
 * binary garbage served as HTML, a windows-1258 page, and whole sites that fail at the home page
 * (a self-signed certificate, a home that redirects in a circle, a home of garbage).
 * Every server records what it was asked and, for the huge page, how many bytes it really sent.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { encodeWindows1258 } from '../../src/demo/cp1258.js';

export type Fault =
  | 'slow'
  | 'server-errors'
  | 'rate-limited'
  | 'endless-calendar'
  | 'repeating-paths'
  | 'huge-page'
  | 'redirect-loop'
  | 'reset'
  | 'garbage'
  | 'windows-1258'
  | 'self-signed'
  | 'home-redirect-loop'
  | 'home-garbage';

export const FAULTS: readonly Fault[] = [
  'slow',
  'server-errors',
  'rate-limited',
  'endless-calendar',
  'repeating-paths',
  'huge-page',
  'redirect-loop',
  'reset',
  'garbage',
  'windows-1258',
  'self-signed',
  'home-redirect-loop',
  'home-garbage',
];

/** The school of each fault: its id, name, and the path of its fault page (the menu links to it). */
export const FAULT_SCHOOLS: Readonly<Record<Fault, { id: string; name: string; path: string }>> = {
  slow: { id: 'th-cham', name: 'Trường Tiểu học Chậm Chạp', path: '/lich-cong-tac' },
  'server-errors': { id: 'th-loi-may-chu', name: 'Trường Tiểu học Lỗi Máy Chủ', path: '/tin-tuc' },
  'rate-limited': { id: 'th-qua-tai', name: 'Trường Tiểu học Quá Tải', path: '/thoi-khoa-bieu' },
  'endless-calendar': { id: 'th-lich-vo-tan', name: 'Trường Tiểu học Lịch Vô Tận', path: '/lich?ngay=2026-11-05' },
  'repeating-paths': { id: 'th-duong-dan-lap', name: 'Trường Tiểu học Đường Dẫn Lặp', path: '/tai-lieu/van-ban/' },
  'huge-page': { id: 'th-khong-lo', name: 'Trường Tiểu học Khổng Lồ', path: '/album-anh' },
  'redirect-loop': { id: 'th-vong-lap', name: 'Trường Tiểu học Vòng Lặp', path: '/gioi-thieu' },
  reset: { id: 'th-ngat-ket-noi', name: 'Trường Tiểu học Ngắt Kết Nối', path: '/doi-ngu' },
  garbage: { id: 'th-rac', name: 'Trường Tiểu học Rác Nhị Phân', path: '/van-ban' },
  'windows-1258': { id: 'th-bang-ma-cu', name: 'Trường Tiểu học Bảng Mã Cũ', path: '/lich-su-truong' },
  'self-signed': { id: 'th-tu-ky', name: 'Trường Tiểu học Tự Ký', path: '/' },
  'home-redirect-loop': { id: 'th-trang-chu-vong', name: 'Trường Tiểu học Trang Chủ Vòng', path: '/' },
  'home-garbage': { id: 'th-trang-chu-rac', name: 'Trường Tiểu học Trang Chủ Rác', path: '/' },
};

/** Pages every school has besides its fault: what must still be read next to the fault. */
export const GOOD_PAGES: Readonly<Record<string, string>> = {
  '/gioi-thieu-chung': 'Giới thiệu chung',
  '/lien-he': 'Liên hệ',
  '/cong-khai': 'Công khai giáo dục',
};

/** The Vietnamese title of the windows-1258 page, to compare with what the crawler read. */
export const WINDOWS_1258_TITLE = 'Lịch sử trường — Những chặng đường phát triển';

export const HUGE_PAGE_BYTES = 60 * 1024 * 1024;

export interface HostileOptions {
  /** How long the slow page sleeps before answering (default 5 s: longer than `--timeout 2`). */
  slowMs?: number;
  /** Size of the huge page, streamed, never allocated whole (default 60 MB). */
  hugeBytes?: number;
}

export interface HostileRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  /** performance.now() when the request arrived, in ms. */
  at: number;
}

export interface HostileSchool {
  fault: Fault;
  id: string;
  name: string;
  /** Home page: `http(s)://127.0.0.1:<port>/`. */
  url: string;
  /** The fault page's absolute URL. */
  faultUrl: string;
  requests: HostileRequest[];
  /** Requests whose path (with query) starts with the prefix, or matches the pattern. */
  count(path: string | RegExp): number;
  /** Bytes of the huge page handed to the socket. */
  readonly hugeBytesSent: number;
  close(): Promise<void>;
}

const TLS_DIR = new URL('./tls/', import.meta.url);

/** The self-signed certificate (CN and SAN 127.0.0.1, localhost) the https school serves. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  return { key: readFileSync(new URL('key.pem', TLS_DIR)), cert: readFileSync(new URL('cert.pem', TLS_DIR)) };
}

export async function startHostileSchool(fault: Fault, opts: HostileOptions = {}): Promise<HostileSchool> {
  const { id, name, path: faultPath } = FAULT_SCHOOLS[fault];
  const slowMs = opts.slowMs ?? 5_000;
  const hugeBytes = opts.hugeBytes ?? HUGE_PAGE_BYTES;
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const sent = { huge: 0 };
  let rateLimitedOnce = false;

  const later = (ms: number, f: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const target = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path: target, at: performance.now() });
    const { pathname, searchParams } = new URL(target, 'http://school');
    const html = (body: string | Buffer, status = 200, headers: Record<string, string | number> = {}): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const moved = (location: string): void => html('', 302, { location });

    // home-level faults: the whole site
    if (fault === 'home-redirect-loop' && (pathname === '/' || pathname === '/trang-chu')) return moved(pathname === '/' ? '/trang-chu' : '/');
    if (fault === 'home-garbage' && pathname === '/') return html(garbage(20_000), 200, { 'content-type': 'text/html' });

    if (pathname === '/') return html(homePage(name, fault));
    const good = GOOD_PAGES[pathname];
    if (good) return html(schoolPage(name, good, `<p>${good} của ${name}: thông tin được cập nhật thường xuyên.</p>`));

    switch (fault) {
      case 'slow':
        if (pathname === '/lich-cong-tac') return later(slowMs, () => !res.destroyed && html(schoolPage(name, 'Lịch công tác', '<p>Lịch công tác tuần</p>')));
        break;
      case 'server-errors':
        if (pathname === '/tin-tuc') return html('<h1>500 Internal Server Error</h1>', 500);
        if (pathname === '/thong-bao') return html('<h1>502 Bad Gateway</h1>', 502);
        break;
      case 'rate-limited':
        if (pathname === '/thoi-khoa-bieu') {
          if (!rateLimitedOnce) {
            rateLimitedOnce = true;
            return html('<h1>429 Too Many Requests</h1>', 429, { 'retry-after': '1' });
          }
          return html(schoolPage(name, 'Thời khóa biểu', '<table><tr><th>Thứ</th><th>Tiết 1</th></tr><tr><td>Thứ Hai</td><td>Toán</td></tr></table>'));
        }
        break;
      case 'endless-calendar':
        if (pathname === '/lich') return html(schoolPage(name, `Lịch hoạt động ngày ${searchParams.get('ngay')}`, `<a href="/lich?ngay=${nextDay(searchParams.get('ngay'))}">Ngày tiếp theo</a>`));
        break;
      case 'repeating-paths':
        // a relative link from a folder page: /tai-lieu/van-ban/ → /tai-lieu/van-ban/tai-lieu/van-ban/ …
        if (/^(\/tai-lieu\/van-ban)+\/$/.test(pathname)) return html(schoolPage(name, 'Văn bản', '<a href="tai-lieu/van-ban/">Tài liệu văn bản</a>'));
        break;
      case 'huge-page':
        if (pathname === '/album-anh') return void streamHugePage(req, res, hugeBytes, (n) => (sent.huge += n)).catch(() => res.destroy());
        break;
      case 'redirect-loop':
        if (pathname === '/gioi-thieu') return moved('/gioi-thieu-truong');
        if (pathname === '/gioi-thieu-truong') return moved('/gioi-thieu');
        break;
      case 'reset':
        if (pathname === '/doi-ngu') {
          const body = Buffer.from(schoolPage(name, 'Đội ngũ giáo viên', '<p>Danh sách giáo viên và nhân viên nhà trường.</p>'.repeat(200)));
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
          // half the promised body reaches the client, then the connection dies
          res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
          return;
        }
        break;
      case 'garbage':
        if (pathname === '/van-ban') return html(garbage(20_000), 200, { 'content-type': 'text/html' });
        break;
      case 'windows-1258':
        if (pathname === '/lich-su-truong') {
          const page = schoolPage(name, WINDOWS_1258_TITLE, '<p>Trường được thành lập năm 1960, trải qua nhiều thế hệ thầy và trò.</p>', 'windows-1258');
          return html(encodeWindows1258(page), 200, { 'content-type': 'text/html' });
        }
        break;
      case 'self-signed':
      case 'home-redirect-loop':
      case 'home-garbage':
        break;
    }
    html('<html><head><title>404</title></head><body>Không tìm thấy trang</body></html>', 404);
  };

  const server: Server =
    fault === 'self-signed' ? createHttpsServer(selfSignedCertificate(), handler) : createHttpServer(handler);
  // a TLS client that refuses the certificate only drops the connection: nothing to answer
  server.on('tlsClientError', () => undefined);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `${fault === 'self-signed' ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    fault,
    id,
    name,
    url: `${origin}/`,
    faultUrl: `${origin}${faultPath}`,
    requests,
    count: (path) => requests.filter((r) => (typeof path === 'string' ? r.path.startsWith(path) : path.test(r.path))).length,
    get hugeBytesSent() {
      return sent.huge;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface HostileDistrict {
  schools: HostileSchool[];
  school(fault: Fault): HostileSchool;
  close(): Promise<void>;
}

/** Every fault school at once (each on its own port). */
export async function startHostileDistrict(opts: HostileOptions = {}, faults: readonly Fault[] = FAULTS): Promise<HostileDistrict> {
  const schools = await Promise.all(faults.map((f) => startHostileSchool(f, opts)));
  return {
    schools,
    school: (fault) => {
      const s = schools.find((x) => x.fault === fault);
      if (!s) throw new Error(`no school for fault ${fault}`);
      return s;
    },
    close: async () => {
      await Promise.all(schools.map((s) => s.close()));
    },
  };
}

function homePage(name: string, fault: Fault): string {
  const menu = [
    ['/gioi-thieu-chung', 'Giới thiệu chung'],
    ['/lien-he', 'Liên hệ'],
    ['/cong-khai', 'Công khai'],
  ];
  const { path } = FAULT_SCHOOLS[fault];
  if (path !== '/') menu.splice(1, 0, [path, 'Chuyên mục']);
  if (fault === 'server-errors') menu.push(['/thong-bao', 'Thông báo']);
  const items = menu.map(([href, label]) => `<li><a href="${href}">${label}</a></li>`).join('');
  return schoolPage(name, 'Trang chủ', `<nav><ul class="menu">${items}</ul></nav><p>Chào mừng quý phụ huynh và học sinh đến với ${name}.</p>`);
}

function schoolPage(school: string, title: string, body: string, charset = 'utf-8'): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="${charset}"><title>${title}</title></head>
<body><header><h1>${school}</h1></header><main><h2>${title}</h2>${body}</main></body></html>`;
}

/** `2026-11-05` → `2026-11-06`: the calendar never ends. */
function nextDay(day: string | null): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return '2026-11-05';
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Deterministic random bytes (xorshift32): the same garbage on every run. */
function garbage(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * `hugeBytes` of HTML in 64 KB pieces, each written only when the socket drained the last, so
 * neither side holds the page whole and the count says what really left the server.
 */
async function streamHugePage(req: IncomingMessage, res: ServerResponse, hugeBytes: number, onSent: (n: number) => void): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': hugeBytes });
  if (req.method === 'HEAD') return void res.end();
  const head = Buffer.from('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thư viện ảnh</title></head><body><h1>Thư viện ảnh</h1>\n');
  const row = '<p><img src="/anh/hoat-dong.jpg" alt="Hoạt động ngoại khóa của học sinh"> Hoạt động ngoại khóa</p>\n';
  const piece = Buffer.from(row.repeat(Math.ceil((64 * 1024) / Buffer.byteLength(row))));
  let left = hugeBytes;
  for (let chunk = head; left > 0 && !res.destroyed; chunk = piece) {
    const part = chunk.subarray(0, Math.min(chunk.length, left));
    left -= part.length;
    onSent(part.length);
    if (!res.write(part)) await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

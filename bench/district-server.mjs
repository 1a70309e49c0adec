// A synthetic district for the benchmark: N school portals × P pages of ≈ 30 KB Vietnamese
// school-portal HTML, each portal on its own port of 127.0.0.1 (Crawlee cannot use the crawler's
// `hosts` map, so one port per school is what both crawlers can reach). Runs in its own process so
// its CPU is never counted against a crawler. Pages are generated on request from a seed: the same
// seed always serves the same bytes, and memory stays small whatever N × P.
//
//   node bench/district-server.mjs [--portals 40] [--pages 250] [--latency 0] [--seed 1]
//
// Prints one JSON line {"ports":[…]} on stdout when every portal listens.
//
// Shape of a portal (QI-like, the commonest platform in fixtures/ and test/data/real-sites):
//   /                       home: menu, marquee, the 20 newest articles, footer     (depth 0)
//   /c/<section>[?trang=k]  section list pages, 20 articles each, pagination 1…L      (depth 1–2)
//   /<slug>/ct/<id>         articles: ≈ 20 KB of text, 5 "Tin cùng chuyên mục" links   (depth 2–3)
//   /robots.txt             allows everything; /sitemap.xml is 404 like on most portals
// Every page is reachable breadth-first within depth 3 (the crawlers' limit is 5). No document
// links: Crawlee would GET them as pages while portal-audit HEADs them, which is not the same work.
import { createServer } from 'node:http';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const PORTALS = Number(args.portals ?? 40);
const PAGES = Number(args.pages ?? 250);
const LATENCY_MS = Number(args.latency ?? 0);
const SEED = Number(args.seed ?? 1);

const SECTIONS = [
  ['gioi-thieu', 'Giới thiệu'],
  ['tin-tuc', 'Tin tức'],
  ['thong-bao', 'Thông báo'],
  ['lich-cong-tac', 'Lịch công tác'],
  ['album-anh', 'Album ảnh'],
  ['van-ban', 'Văn bản'],
  ['cong-khai', 'Công khai'],
  ['thuc-don', 'Thực đơn'],
];
const PER_LIST = 20;
// The fewest list pages per section that hold every article: 1 + S·L + A = P, A ≤ S·L·20.
const LIST_PAGES = (() => {
  let l = 1;
  while (SECTIONS.length * l * PER_LIST < PAGES - 1 - SECTIONS.length * l) l++;
  return l;
})();
const ARTICLES = Math.max(0, PAGES - 1 - SECTIONS.length * LIST_PAGES);

/** mulberry32: small, fast, and the same numbers on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'học sinh giáo viên nhà trường phụ huynh năm học kế hoạch hoạt động tổ chức thực hiện chương trình giáo dục ' +
  'phong trào thi đua tuần lễ buổi sáng chiều lớp khối tiểu học trung học cơ sở mầm non an toàn giao thông ' +
  'vệ sinh môi trường sức khỏe dinh dưỡng bán trú thể dục thể thao văn nghệ chào cờ sinh hoạt chuyên môn ' +
  'bồi dưỡng đánh giá kết quả tham gia đầy đủ nghiêm túc hiệu quả triển khai quận Long Biên phòng giáo dục ' +
  'và đào tạo thành phố Hà Nội công văn quyết định thông báo hướng dẫn báo cáo tổng kết khen thưởng ' +
  'kỹ năng sống trải nghiệm sáng tạo thư viện đọc sách ngoại khóa tham quan dã ngoại cuộc thi giải thưởng'
).split(' ');

function sentence(r, n) {
  const w = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(r() * WORDS.length)]);
  const s = w.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

/** Article i (0 = newest) of a portal: its section, title, date and URL. */
function article(portal, i) {
  const r = rng(SEED * 1_000_003 + portal * 10_007 + i);
  const [sectionSlug, sectionLabel] = SECTIONS[i % SECTIONS.length];
  const day = new Date(Date.UTC(2026, 10, 30) - Math.floor(i / 2) * 86_400_000);
  const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
  const title = `${sentence(r, 8 + Math.floor(r() * 6)).slice(0, -1)} ngày ${date}`;
  const slug = `bai-viet-${i + 1}`;
  return { i, sectionSlug, sectionLabel, date, title, url: `/${slug}/ct/${portal * 100_000 + i + 1}`, r };
}

/** Articles of one section, newest first: every S-th article. */
function sectionArticles(portal, s, listPage) {
  const out = [];
  for (let k = listPage * PER_LIST; k < (listPage + 1) * PER_LIST; k++) {
    const i = s + k * SECTIONS.length;
    if (i < ARTICLES) out.push(article(portal, i));
  }
  return out;
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function newsItem(a) {
  return `<li class="d-flex flex-row justify-content-between"><div class="itemNoanh"><h2 class="fs-21 fw-500 lhe-30"><a class="a-simple" title="${esc(a.title)}" href="${a.url}">${esc(a.title)}</a></h2><label class="form-label date_and_cate d-flex"><span class="fs-15">${a.date}</span><a class="a-simple color-md fs-15" title="${a.sectionLabel}" href="/c/${a.sectionSlug}">${a.sectionLabel.toUpperCase()}</a></label><span class="fs-15 line-3">${esc(sentence(a.r, 18))}</span></div></li>\n`;
}

function layout(portal, title, main) {
  const school = `Trường Tiểu học Số ${portal + 1} Long Biên`;
  const menu = SECTIONS.map(
    ([slug, label]) =>
      `<li class="nav-item dropdown"><a class="nav-link" href="/c/${slug}" title="${label}">${label}</a>` +
      `<ul class="dropdown-menu">${['chung', 'năm học 2026-2027', 'lưu trữ'].map((sub) => `<li><a class="dropdown-item" href="/c/${slug}" title="${label} ${sub}">${label} ${sub}</a></li>`).join('')}</ul></li>`,
  ).join('\n');
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - ${school}</title>
<meta property="og:title" content="${esc(title)}"><meta name="description" content="Cổng thông tin điện tử ${school}">
<link rel="stylesheet" href="/htmlib/duan/hp/assets/bootstrap/css/bootstrap.min.css"><link rel="stylesheet" href="/htmlib/duan/hp/assets/css/styles.css">
<script src="/htmlib/duan/hp/assets/js/jquery.min.js"></script>
</head><body>
<header class="qi-header"><div class="container d-flex align-items-center"><a href="/" title="Trang chủ"><img src="/uploadimages/logo-truong-${portal + 1}.png" alt="Logo ${school}" width="90" height="90"></a>
<div class="ms-3"><p class="fs-15 mb-0">UBND QUẬN LONG BIÊN - PHÒNG GIÁO DỤC VÀ ĐÀO TẠO</p><h3 class="fw-700 color-md">${school.toUpperCase()}</h3></div></div></header>
<nav class="navbar navbar-expand-lg qi-menu"><div class="container"><ul class="navbar-nav">
<li class="nav-item"><a class="nav-link" href="/" title="Trang chủ">Trang chủ</a></li>
${menu}
<li class="nav-item"><a class="nav-link" href="/" title="Liên hệ">Liên hệ</a></li>
</ul></div></nav>
<div class="container qi-marquee"><marquee scrollamount="3">Chào mừng năm học 2026-2027 — ${school} chúc các em học sinh chăm ngoan, học giỏi!</marquee></div>
<div class="container d-flex"><main class="col-9 py-3">${main}</main>${sidebar(portal)}</div>
<footer class="qi-footer"><div class="container"><p class="fw-700">${school.toUpperCase()}</p>
<p>Địa chỉ: Số ${portal + 12} phố Ngọc Lâm, phường Ngọc Lâm, quận Long Biên, thành phố Hà Nội</p>
<p>Điện thoại: 024.3872.${String(1000 + portal).slice(-4)} — Email: c1so${portal + 1}.longbien@hanoiedu.vn</p>
<p>Người chịu trách nhiệm: Hiệu trưởng Nguyễn Thị Thu Hà</p>
<p class="fs-13">© 2026 Bản quyền thuộc về ${school}. Thiết kế bởi QI Technologies.</p></div></footer>
<script>window.qiConfig = { trang: "${esc(title)}" };</script>
</body></html>`;
}

// Links to the ministry and the district, a visitor counter: on every page of real portals.
const LINKS = [
  ['https://moet.gov.vn/', 'Bộ Giáo dục và Đào tạo'],
  ['https://hanoi.edu.vn/', 'Sở Giáo dục và Đào tạo Hà Nội'],
  ['https://longbien.hanoi.gov.vn/', 'Cổng thông tin điện tử quận Long Biên'],
  ['https://csdl.moet.gov.vn/', 'Cơ sở dữ liệu ngành'],
  ['https://vnedu.vn/', 'Sổ liên lạc điện tử'],
];
function sidebar(portal) {
  const r = rng(SEED * 17 + portal);
  const notices = Array.from({ length: 8 }, (_, k) => `<li><a href="/c/thong-bao" title="Thông báo">${esc(sentence(r, 12))}</a><span class="fs-13"> (${String(k + 1).padStart(2, '0')}/11/2026)</span></li>`).join('');
  const links = LINKS.map(([href, label]) => `<li><a href="${href}" target="_blank" rel="noopener" title="${label}">${label}</a></li>`).join('');
  return `<aside class="col-3 qi-sidebar"><div class="qi-box"><h3 class="qi-box-title">Thông báo mới</h3><ul class="list-unstyled">${notices}</ul></div>
<div class="qi-box"><h3 class="qi-box-title">Liên kết website</h3><ul class="list-unstyled">${links}</ul></div>
<div class="qi-box"><h3 class="qi-box-title">Thống kê truy cập</h3><p>Đang truy cập: ${3 + (portal % 17)}</p><p>Tổng lượt truy cập: ${120_000 + portal * 977}</p></div></aside>`;
}

function homePage(portal) {
  const news = [];
  for (let i = 0; i < Math.min(PER_LIST, ARTICLES); i++) news.push(newsItem(article(portal, i)));
  const r = rng(SEED * 7 + portal);
  const intro = Array.from({ length: 8 }, () => `<p>${sentence(r, 40)}</p>`).join('\n');
  return layout(
    portal,
    'Trang chủ',
    `<section class="qi-gioithieu"><h2 class="qi-title">Giới thiệu chung</h2>${intro}</section>
<section class="qi-tintuc"><h2 class="qi-title">Tin mới nhất</h2><ul class="list-unstyled d-flex flex-column">\n${news.join('')}</ul></section>`,
  );
}

function listPage(portal, s, k) {
  const [slug, label] = SECTIONS[s];
  const items = sectionArticles(portal, s, k);
  const pages = Array.from({ length: LIST_PAGES }, (_, j) =>
    j === k ? `<li class="page-item active"><span class="page-link">${j + 1}</span></li>` : `<li class="page-item"><a class="page-link" href="/c/${slug}${j ? `?trang=${j + 1}` : ''}">${j + 1}</a></li>`,
  ).join('');
  const r = rng(SEED * 13 + portal * 101 + s * 7 + k);
  const side = Array.from({ length: 6 }, () => `<p class="fs-14">${sentence(r, 40)}</p>`).join('');
  return layout(
    portal,
    k ? `${label} - Trang ${k + 1}` : label,
    `<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Trang chủ</a></li><li class="breadcrumb-item active">${label}</li></ol></nav>
<h1 class="heading_title">${label}</h1>
<ul class="list-unstyled d-flex flex-column item_hint2">\n${items.map(newsItem).join('') || '<li>Chưa có bài viết</li>'}</ul>
<ul class="pagination">${pages}</ul><aside class="qi-sidebar">${side}</aside>`,
  );
}

function articlePage(portal, i) {
  const a = article(portal, i);
  const s = i % SECTIONS.length;
  const body = Array.from({ length: 40 }, () => `<p style="text-align: justify;">${sentence(a.r, 55 + Math.floor(a.r() * 20))}</p>`).join('\n');
  const related = [];
  for (let k = 1; k <= 5; k++) {
    const j = i + k * SECTIONS.length;
    if (j < ARTICLES) related.push(newsItem(article(portal, j)));
  }
  return layout(
    portal,
    a.title,
    `<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Trang chủ</a></li><li class="breadcrumb-item"><a href="/c/${SECTIONS[s][0]}">${a.sectionLabel}</a></li></ol></nav>
<h1 class="line-322 lhe-35 mt-10 heading_title">${esc(a.title)}</h1>
<div class="action_bar_news"><span class="color_gray fs-15">Ngày đăng: ${a.date}</span></div>
<figure class="figure"><img loading="lazy" class="img-responsive" alt="Ảnh đại diện" src="/uploadimages/anh-${portal + 1}-${i + 1}.jpg?w=1130"></figure>
<div class="qicontentdetail">\n${body}\n<p style="text-align: right;"><strong>Ban Giám hiệu</strong></p></div>
<div class="tinlienquan"><p class="qitieudetincungchuyenmuc">Tin cùng chuyên mục</p><ul class="list-unstyled d-flex flex-column item_hint2">${related.join('')}</ul></div>`,
  );
}

/** The page at a path, or undefined for a 404. */
function route(portal, url) {
  const u = new URL(url, 'http://x');
  if (u.pathname === '/') return homePage(portal);
  const list = /^\/c\/([a-z-]+)$/.exec(u.pathname);
  if (list) {
    const s = SECTIONS.findIndex(([slug]) => slug === list[1]);
    const k = Number(u.searchParams.get('trang') ?? 1) - 1;
    return s >= 0 && Number.isInteger(k) && k >= 0 && k < LIST_PAGES ? listPage(portal, s, k) : undefined;
  }
  const art = /^\/bai-viet-\d+\/ct\/(\d+)$/.exec(u.pathname);
  if (art) {
    const i = Number(art[1]) - portal * 100_000 - 1;
    return i >= 0 && i < ARTICLES ? articlePage(portal, i) : undefined;
  }
  return undefined;
}

function serve(portal) {
  const server = createServer((req, res) => {
    const send = () => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
        return;
      }
      const html = req.method === 'GET' || req.method === 'HEAD' ? route(portal, req.url ?? '/') : undefined;
      if (html === undefined) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><h1>404 - Không tìm thấy trang</h1></body></html>');
        return;
      }
      const body = Buffer.from(html);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (LATENCY_MS > 0) setTimeout(send, LATENCY_MS);
    else send();
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

const ports = [];
for (let p = 0; p < PORTALS; p++) ports.push(await serve(p));
process.stdout.write(`${JSON.stringify({ ports, pagesPerPortal: 1 + SECTIONS.length * LIST_PAGES + ARTICLES })}\n`);

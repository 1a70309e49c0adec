/** Small pages that school portals build or animate in the browser, for the renderer's tests. */

export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export function html(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
}

export const MENU_JSON = JSON.stringify([
  { label: 'Giới thiệu', href: '/gioi-thieu' },
  { label: 'Lịch công tác tuần', href: '/lich-cong-tac' },
  { label: 'Thực đơn', href: '/thuc-don' },
]);

/** Posts 1..15 of "Hoạt động chung", five per page. */
export function newsJson(page: number): string {
  const items = [];
  for (let i = (page - 1) * 5 + 1; i <= page * 5; i++) items.push({ title: `Bài viết số ${i}: Hoạt động chào mừng ngày 20/11`, url: `/bai-viet/${i}` });
  return JSON.stringify({ items, more: page < 3 });
}

/** A portal page whose menu and news list come from JSON after load. */
export const JS_LIST = html(
  'Hoạt động chung',
  `<nav id="menu"></nav><h1>Hoạt động chung</h1><ul id="tin"></ul>
<script>
fetch('/api/menu.json').then(r => r.json()).then(items => {
  document.getElementById('menu').innerHTML = items.map(i => '<a href="' + i.href + '">' + i.label + '</a>').join(' ');
});
fetch('/api/tin?page=1').then(r => r.json()).then(d => {
  document.getElementById('tin').innerHTML = d.items.map(i => '<li><a href="' + i.url + '">' + i.title + '</a></li>').join('');
});
</script>`,
);

/** A list fetched only after a 600 ms timeout, then a second request for its last item. */
export const LATE_LIST = html(
  'Lịch công tác',
  `<ul id="lich"></ul>
<script>
setTimeout(() => {
  fetch('/api/tin?page=2').then(r => r.json()).then(d => {
    document.getElementById('lich').innerHTML = d.items.map(i => '<li>' + i.title + '</li>').join('');
    return fetch('/api/tin?page=3');
  }).then(r => r.json()).then(d => {
    document.getElementById('lich').insertAdjacentHTML('beforeend', '<li>' + d.items[4].title + '</li>');
  });
}, 600);
</script>`,
);

/** Five posts, then a "Xem thêm" button loading five more until there are none left. */
export const MORE_BUTTON = html(
  'Tin tức',
  `<ul id="tin"></ul>
<a class="xem-tiep" href="/bai-viet/1">Xem tiếp</a>
<button id="more" type="button">Xem thêm</button>
<script>
let page = 0;
function load() {
  page++;
  fetch('/api/tin?page=' + page).then(r => r.json()).then(d => {
    document.getElementById('tin').insertAdjacentHTML('beforeend', d.items.map(i => '<li><a href="' + i.url + '">' + i.title + '</a></li>').join(''));
    if (!d.more) document.getElementById('more').remove();
  });
}
document.getElementById('more').addEventListener('click', load);
load();
</script>`,
);

/** A "Tải thêm" link (href="#") that loads nothing. */
export const DEAD_MORE = html('Thông báo', `<ul><li>Thông báo số 1</li></ul><a href="#" onclick="return false">Tải thêm</a>`);

/**
 * Everything that must never be fetched while reading: another host (mapped to 127.0.0.1 by the
 * pool's `hosts`, so it WOULD reach the test server), directly or through a same-site URL that
 * redirects there, `.invalid` hosts, a font, a video, a song and an image of the site itself.
 */
export function foreignAndHeavy(otherOrigin: string): string {
  return html(
    'Trang có tài nguyên ngoài',
    `<p>Trường THCS Thử Nghiệm</p>
<img src="/anh.png" alt="ảnh trường">
<img src="http://cdn.invalid/banner.png" alt="banner">
<video src="/clip.mp4" preload="auto" muted></video>
<audio src="/nhac.mp3" preload="auto"></audio>
<script src="http://tracker.invalid/analytics.js"></script>
<script>fetch('${otherOrigin}/api/theo-doi').catch(() => {}); fetch('/di-cho-khac').catch(() => {});</script>`,
    `<style>@font-face { font-family: Truong; src: url(/font.woff2) format('woff2'); } body { font-family: Truong, sans-serif; }</style>
<link rel="stylesheet" href="${otherOrigin}/kieu.css">`,
  );
}

/**
 * Scrolling text of every kind: a QI-style CSS ticker, a <marquee>, a JS ticker moved by a timer
 * (its text typed in decomposed Unicode), and two texts that are not tickers: a still one and one
 * that only fades in.
 */
export const TICKERS = html(
  'Trang chủ',
  `<div class="qiChuChay"><div class="scrolling-text"><span>CHÀO MỪNG NĂM HỌC MỚI 2026-2027</span></div></div>
<marquee>Lịch công tác tuần 9 đã được đăng</marquee>
<div style="width:300px;overflow:hidden;white-space:nowrap;position:relative;height:24px">
  <ul id="js-ticker" style="position:absolute;left:0;margin:0;padding:0;list-style:none;display:flex;gap:20px">
    <li>Tuyê\u0309n sinh lớp 6 năm học 2026-2027</li><li>Thực đơn tuần 4 tháng 9</li>
  </ul>
</div>
<p id="tinh">Trường THCS Thử Nghiệm, quận Long Biên, Hà Nội</p>
<p class="fade">Chúc mừng các thầy cô nhân ngày Nhà giáo Việt Nam</p>
<script>
let x = 0;
setInterval(() => { x -= 3; document.getElementById('js-ticker').style.left = x + 'px'; }, 40);
</script>`,
  `<style>
@keyframes scroll-text { from { transform: translateX(100%); } to { transform: translateX(-100%); } }
.scrolling-text span { display: inline-block; animation: scroll-text 20s linear infinite; }
@keyframes fade { from { opacity: 0; } to { opacity: 1; } }
.fade { animation: fade 30s linear infinite; }
</style>`,
);

/** A document table 1200 px wide: breaks a phone's layout. */
export const WIDE_TABLE = html(
  'Văn bản',
  `<table style="width:1200px" border="1"><tr><th>Số hiệu</th><th>Trích yếu</th><th>Ngày ban hành</th></tr>
<tr><td>12/CT-UBND</td><td>Chỉ thị về nhiệm vụ năm học</td><td>22/08/2017</td></tr></table>`,
);

/** A responsive page: nothing wider than the viewport. */
export const RESPONSIVE = html(
  'Giới thiệu',
  `<div style="max-width:100%"><h1>Giới thiệu chung</h1><p>Trường được thành lập năm 1962.</p><img src="/anh.png" style="max-width:100%;width:600px"></div>`,
  '<meta name="viewport" content="width=device-width, initial-scale=1"><style>body{margin:8px}</style>',
);

/**
 * Images for the broken-image check: one that loads, one that answers 404, one whose bytes are not
 * an image, and ones that must not be reported (empty src, a data: placeholder, a lazy image far
 * below that is never requested, an image of another host that the pool blocked). Tall (5000 px),
 * so the screenshot is cut at ~3000 px.
 */
export const IMAGES = html(
  'Album ảnh',
  `<h1>Album ảnh</h1>
<img src="/anh.png" alt="tốt">
<img src="/anh-mat.png" alt="404">
<img src="/anh-hong.jpg" alt="không phải ảnh">
<img src="" alt="trống">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/anh-that.png" alt="chỗ giữ">
<img src="http://cdn.invalid/logo.png" alt="ảnh ngoài">
<div style="height:5000px;background:linear-gradient(#fff,#9cf)"></div>
<img src="/anh-luoi.png" loading="lazy" alt="lazy">`,
);

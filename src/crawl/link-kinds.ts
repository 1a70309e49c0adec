/**
 * What a link leads to, judged from the URL alone: a page to crawl, a document to probe, another
 * file (never fetched), or something that is not a page at all (login, print, search, feeds,
 * calendars). The lists are data: extend them when a portal shows a new kind.
 */

/** Files that a section offers as documents: probed with HEAD, never parsed. */
export const DOCUMENT_EXTENSIONS = new Set([
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pps', 'ppsx', 'odt', 'ods', 'odp', 'rtf', 'zip', 'rar', '7z',
]);

/** Other files: images, media, assets. Not pages and not documents. */
export const OTHER_FILE_EXTENSIONS = new Set([
  'jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'svg', 'ico', 'tif', 'tiff', 'heic',
  'mp4', 'mp3', 'm4a', 'm4v', 'avi', 'mov', 'wmv', 'flv', 'webm', 'mkv', 'wav', 'ogg', 'swf',
  'css', 'js', 'json', 'xml', 'txt', 'csv', 'woff', 'woff2', 'ttf', 'eot', 'exe', 'apk', 'msi', 'gz', 'tar', 'iso',
]);

/**
 * Path segments (compared without extension, case-insensitive) of endpoints that are not content:
 * accounts, print and share views, search results (QI `/Timkiem`, disallowed by its robots.txt), feeds.
 */
export const NON_PAGE_SEGMENTS = new Set([
  'login', 'logout', 'signin', 'signout', 'dang-nhap', 'dangnhap', 'dang-xuat', 'dangxuat', 'wp-login', 'wp-admin',
  'print', 'in-bai', 'inbai', 'share', 'sharer', 'timkiem', 'tim-kiem', 'search', 'rss', 'feed',
  // QI in-page document viewers: they show an attachment (probed as a file), they are not pages
  'viewfilepdf', 'xemtailieu',
]);

/** Query keys that make a page a calendar, search or print view; `page` values from HTTrack copies. */
export const NON_PAGE_QUERY_KEYS = new Set(['month', 's', 'keyword', 'tukhoa', 'print', 'replytocom']);
export const NON_PAGE_QUERY_VALUES = new Set(['login', 'logout', 'print']);

export type LinkKind = 'page' | 'document' | 'file' | 'skip';

/** Lower-case extension of the URL's last path segment ("" when none). */
export function urlExtension(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

export function classifyLink(url: string): LinkKind {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'skip';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'skip'; // mailto:, tel:, javascript:, zalo: …
  const ext = urlExtension(url);
  if (DOCUMENT_EXTENSIONS.has(ext)) return 'document';
  if (OTHER_FILE_EXTENSIONS.has(ext)) return 'file';
  for (const segment of u.pathname.split('/')) {
    const bare = safeDecode(segment).toLowerCase().replace(/\.[a-z0-9]+$/, '');
    if (NON_PAGE_SEGMENTS.has(bare)) return 'skip';
  }
  for (const [key, value] of u.searchParams) {
    if (NON_PAGE_QUERY_KEYS.has(key.toLowerCase())) return 'skip';
    if (NON_PAGE_QUERY_VALUES.has(value.toLowerCase())) return 'skip';
  }
  return 'page';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * URL identity for the crawl: which URLs are the same page, and which pages belong to a school's
 * site. Pure functions, no network.
 */

/** Query parameters that never change what a page shows (campaign tags, click ids, sessions). */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'msclkid', 'yclid', 'zarsrc', // zarsrc: Zalo shares, common in Vietnam
  '_ga', '_gl', 'mc_cid', 'mc_eid',
  'phpsessid', 'jsessionid', 'aspsessionid', 'asp.net_sessionid', 'sessionid', 'session_id', 'cfid', 'cftoken',
]);

/**
 * `sid` is a session id only when it looks like one: on Vietnamese CMSs `?sid=12` is as often a
 * section or school id, and dropping it would merge different pages.
 */
const SESSION_TOKEN = /^[0-9a-z_-]{16,}$/i;

function isTrackingParam(rawKey: string, rawValue: string): boolean {
  const key = safeDecode(rawKey).toLowerCase();
  if (key.startsWith('utm_') || TRACKING_PARAMS.has(key)) return true;
  return key === 'sid' && SESSION_TOKEN.test(safeDecode(rawValue));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Quảng Ích CMS shows one post under `/<cat>/<post-slug>/(ct|ctmb|ctfull)/<catId>/<postId>` and
 * `/<cat>/(ct|ctmb|ctfull)/<catId>/<postId>`: all are one page, canonically `/<cat>/ct/<catId>/<postId>`.
 */
const QI_POST = /^\/([^/]+)\/(?:[^/]+\/)?(?:ct|ctmb|ctfull)\/(\d+)\/(\d+)\/?$/i;

/**
 * The one URL of a page: lower-case scheme and host (the URL parser does that), no fragment,
 * no default port, percent escapes in upper case, no tracking or session parameters, query
 * sorted, QI variants folded to `ct`. `/index.php` and `/` stay apart: not every server maps one to the other.
 * The query keeps its original encoding, so the canonical URL can still be fetched as written.
 * Not a URL → returned unchanged.
 */
export function canonicalUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url;
  }
  u.hash = '';
  // Java-style path session ids: /page.jsp;jsessionid=ABC
  let path = upperEscapes(u.pathname.replace(/;jsessionid=[^/]*/i, ''));
  const qi = QI_POST.exec(path);
  if (qi) path = `/${qi[1]}/ct/${qi[2]}/${qi[3]}`;
  u.pathname = path;

  const pairs = u.search
    .slice(1)
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const raw = upperEscapes(p);
      return eq < 0 ? { key: raw, value: '', raw } : { key: raw.slice(0, eq), value: raw.slice(eq + 1), raw };
    })
    .filter((p) => !isTrackingParam(p.key, p.value));
  pairs.sort((a, b) => {
    const ka = safeDecode(a.key);
    const kb = safeDecode(b.key);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0;
  });
  u.search = pairs.length ? `?${pairs.map((p) => p.raw).join('&')}` : '';
  return u.href;
}

/** `%e1%bb%9b` and `%E1%BB%9B` are the same bytes (RFC 3986 §6.2.2.1); CMSs write both. */
function upperEscapes(s: string): string {
  return s.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase());
}

/** The site a URL belongs to: host without "www.", plus the port when it is not the scheme's default. */
export function siteKey(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    return u.port ? `${host}:${u.port}` : host;
  } catch {
    return '';
  }
}

/** Same school site: same host ignoring "www.", same port; http and https count as one site. */
export function isSameSite(a: string, b: string): boolean {
  const ka = siteKey(a);
  return ka !== '' && ka === siteKey(b);
}

/**
 * The crawl's identity of a page: its canonical URL without scheme and "www.", so that
 * `http://www.x/a` and `https://x/a` are fetched once.
 */
export function pageKey(url: string): string {
  const canonical = canonicalUrl(url);
  try {
    const u = new URL(canonical);
    return `${siteKey(canonical)}${u.pathname}${u.search}`;
  } catch {
    return canonical;
  }
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * URLs as pages write them: relative paths without a leading slash (HTTrack mirrors), `<base href>`,
 * document viewers that wrap the real file (`/ViewFilePdf?urlgoc=…`, Office Online, Google Docs),
 * and the Viettel `downloadFile('<id>','<path>')` buttons that have no href at all.
 */

/** Extensions of downloadable documents (AttachmentFact). */
export const DOCUMENT_EXTS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'rar', 'zip', '7z']);
export const VIDEO_EXTS = new Set(['mp4', 'webm', 'ogg', 'ogv', 'mov', 'flv', 'm3u8']);
export const IMAGE_EXTS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp', 'svg']);

const NOT_NAVIGABLE = /^(javascript|mailto|tel|data|about|sms|callto|file):/i;

export class UrlResolver {
  readonly base: string | undefined;
  private readonly cache = new Map<string, string | null>();

  constructor(finalUrl: string, baseHref?: string) {
    let base: string | undefined;
    try {
      base = new URL(finalUrl).href;
    } catch {
      base = undefined;
    }
    if (baseHref && baseHref.trim()) {
      try {
        base = new URL(baseHref.trim(), base).href;
      } catch {
        /* a broken <base> is ignored, as browsers do */
      }
    }
    this.base = base;
  }

  /** Absolute http(s) URL without fragment; null for fragments, scripts, mailto:, junk. */
  resolve(href: string | undefined | null): string | null {
    if (!href) return null;
    const cached = this.cache.get(href);
    if (cached !== undefined) return cached;
    const out = this.compute(href, true);
    this.cache.set(href, out);
    return out;
  }

  /** Like resolve(), but keeps a pure "#…" link to the page itself (for viewer iframes, never for links). */
  resolveAny(href: string | undefined | null): string | null {
    if (!href) return null;
    return this.compute(href, false);
  }

  private compute(href: string, dropSelf: boolean): string | null {
    // Browsers strip ASCII tab/newline anywhere and spaces at both ends.
    const h = href.replace(/[\t\n\r]/g, '').trim();
    if (!h || (dropSelf && h.startsWith('#')) || NOT_NAVIGABLE.test(h)) return null;
    try {
      const u = new URL(h, this.base);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
      u.hash = '';
      return u.href;
    } catch {
      return null;
    }
  }
}

/** Path of an absolute URL without query and fragment (string work: this runs for every link). */
function pathOf(url: string): string {
  const cut = url.search(/[?#]/);
  const noQuery = cut >= 0 ? url.slice(0, cut) : url;
  const scheme = noQuery.indexOf('://');
  const slash = noQuery.indexOf('/', scheme >= 0 ? scheme + 3 : 0);
  return slash >= 0 ? noQuery.slice(slash) : '/';
}

/** Lower-case extension of the last path segment ("…/a.PDF" → "pdf"), or ''. */
export function fileExtension(url: string): string {
  const m = /\.([a-z0-9]{1,5})$/i.exec(pathOf(url));
  return m ? m[1]!.toLowerCase() : '';
}

/** File name of a URL, decoded ("…/thcs-ngo-si-lien_2092.pdf" → "thcs-ngo-si-lien_2092.pdf"). */
export function fileName(url: string): string {
  const path = pathOf(url);
  const seg = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

const VIEWER_HINT = /viewfilepdf|xemtailieu|officeapps|docs\.google|viewer|xem|view|preview|hien-?thi/i;
/** The last path segment of a page that shows a file named in its query (`/van-ban/xem-tep?f=…pdf`). */
const VIEWER_PAGE = /xem|view|preview|hien-?thi|doc-?truc-?tuyen/;
const VIEWABLE_DOCUMENT = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp)$/i;

/**
 * The file shown by a document viewer URL, absolute; null when `url` is not a known viewer.
 * QI: `/ViewFilePdf?urlpdf=…&urlgoc=…` (urlgoc is the original), `/XemTaiLieu?f=…&ext=docx&urlgoc=…`;
 * Office Online `view.officeapps.live.com/op/embed.aspx?src=…`; Google `docs.google.com/viewer?url=…`;
 * pdf.js `…/viewer.html?file=…`.
 */
export function viewerTarget(url: string): { file: string; ext?: string } | null {
  if (!VIEWER_HINT.test(url)) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const path = u.pathname.toLowerCase();
  const q = u.searchParams;
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      for (const [name, value] of q) if (name.toLowerCase() === k && value.trim()) return value.trim();
    }
    return null;
  };
  let target: string | null = null;
  if (path.endsWith('/viewfilepdf')) target = pick('urlgoc', 'urlpdf');
  else if (path.endsWith('/xemtailieu')) target = pick('urlgoc', 'f');
  else if (u.hostname.endsWith('officeapps.live.com') && path.startsWith('/op/')) target = pick('src');
  else if (u.hostname === 'docs.google.com' && (path.startsWith('/viewer') || path.startsWith('/gview'))) target = pick('url');
  else if (/\/viewer(\.html?)?$/.test(path)) target = pick('file');
  else if (VIEWER_PAGE.test(path.split('/').pop() ?? '')) {
    // A school CMS's own viewer page: a query value that is a document path.
    for (const [, value] of q) if (VIEWABLE_DOCUMENT.test(value.trim().split(/[?#]/)[0]!)) target = value.trim();
  }
  if (!target) return null;
  try {
    const file = new URL(target, u);
    if (file.protocol !== 'http:' && file.protocol !== 'https:') return null;
    file.hash = '';
    const ext = pick('ext')?.toLowerCase();
    return ext && /^[a-z0-9]{1,5}$/.test(ext) ? { file: file.href, ext } : { file: file.href };
  } catch {
    return null;
  }
}

const DOWNLOAD_FILE = /downloadFile\s*\(\s*(['"])[^'"]*\1\s*,\s*(['"])([^'"]+)\2/g;

/** Paths passed to the Viettel `downloadFile('<id>','<path>')` handler. */
export function downloadFileTargets(onclick: string): string[] {
  if (!onclick.includes('downloadFile')) return [];
  return [...onclick.matchAll(DOWNLOAD_FILE)].map((m) => m[3]!);
}

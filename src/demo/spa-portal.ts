/**
 * A single-page-app fixture portal: the JavaScript-built twin of a static fixture portal
 * (portal.yaml `spaOf: <twin id>`). Every page of the twin answers the same small shell
 * (`<div id="app">` + scripts); the browser app fetches `/api/page?path=…` and shows the twin's page
 * body, rendered by the twin's own routes and templates at the same anchor. So a plain HTTP crawl
 * sees an empty shell and only a rendering crawl sees the school's content:
 * - the main list of a page shows its first 5 items and a "Xem thêm" button (`/api/more`);
 * - the twin's CSS ticker becomes a JavaScript ticker with neutral class names (only motion tells);
 * - files, pictures, PDFs, robots.txt, sitemap.xml, RSS and redirects are answered as the twin does.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { z } from 'zod';
import type { LoadedPortal, PortalInfo } from './fixture-portal.js';
import type { Reply } from './fixture-server.js';

/** portal.yaml `spa:` (optional, every field has a default). */
export const SpaOptionsSchema = z
  .object({
    /** The shell's `<title>` before the app sets the page's own (default: the portal name). */
    title: z.string().min(1).optional(),
    /** Selector of the twin's main column: the main list is looked for there, outside header/nav/footer. */
    main: z.string().min(1).default('body'),
    /** Selector of the twin's CSS ticker, rebuilt as a JavaScript ticker. */
    ticker: z.string().min(1).optional(),
    /** HTML paths the server still renders itself (e.g. the PDF viewer shown in frames). */
    serverPages: z.array(z.string().startsWith('/')).default([]),
  })
  .strict();
export type SpaOptions = z.infer<typeof SpaOptionsSchema>;

/** A list longer than this shows only its first items until "Xem thêm" is clicked. */
export const LIST_PAGE_SIZE = 5;

export interface SpaSite {
  /** The static portal whose pages the app shows. */
  twin: LoadedPortal;
  options: SpaOptions;
  /** The one HTML document every page route answers. */
  shell: string;
  /** `/static/…` URL path → file bytes, from `fixtures/<id>/static/`. */
  files: Map<string, Buffer>;
}

/** What `/api/page` answers: a page, a redirect to follow, or a file the browser must load itself. */
export type SpaPageAnswer =
  | { status: number; title: string; html: string; more?: { offset: number; total: number } }
  | { status: number; redirect: string }
  | { status: number; file: string };

/** What `/api/more` answers: the items of the main list from `offset` on, as HTML. */
export interface SpaMoreAnswer {
  offset: number;
  total: number;
  html: string;
}

/** Class names of the rebuilt ticker: deliberately free of marquee/ticker/scroll/chữ chạy hints. */
const TICKER_BOX = 'sh-loichao';
const TICKER_TRACK = 'sh-loichao-chu';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function shellHtml(title: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/Css/qi-theme.css?v=223" />
<script defer src="/static/js/vendor.js"></script>
<script defer src="/static/js/app.js"></script>
</head>
<body>
<noscript>Vui lòng bật JavaScript để xem trang này. / Please enable JavaScript to view this page.</noscript>
<div id="app"></div>
</body>
</html>
`;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** Reads the SPA's own files (`static/`) and options; the twin is already loaded. */
export async function loadSpaSite(dir: string, info: PortalInfo, twin: LoadedPortal, options: SpaOptions): Promise<SpaSite> {
  const files = new Map<string, Buffer>();
  const staticDir = path.join(dir, 'static');
  if (existsSync(staticDir)) {
    for (const rel of await listFiles(staticDir)) files.set(`/static${rel}`, await readFile(path.join(staticDir, rel)));
  }
  return { twin, options, shell: shellHtml(options.title ?? info.name), files };
}

// ── Reading a twin page ──────────────────────────────────────────────────────────────────────────

/** A parsed element (domhandler's, named through cheerio: domhandler is not our dependency). */
type Element = ReturnType<cheerio.CheerioAPI['root']>['children'] extends () => cheerio.Cheerio<infer T> ? T : never;

/** A link a reader follows (not an in-page anchor, e-mail, phone or script). */
function isItemLink(href: string | undefined): boolean {
  const h = (href ?? '').trim();
  return h !== '' && !/^(#|mailto:|tel:|javascript:)/i.test(h);
}

interface MainList {
  container: Element;
  items: Element[];
}

/**
 * The main list of a page, found generically rather than from route metadata (so any twin page
 * works, and a new list in the twin is paginated without touching this portal): inside the main
 * column, outside header/nav/footer, the largest set of sibling elements of one tag that each hold
 * a reader's link, if it has more than LIST_PAGE_SIZE items. Ties go to the first in the document.
 */
function findMainList($: cheerio.CheerioAPI, scope: string): MainList | undefined {
  let best: MainList | undefined;
  $(scope)
    .find('*')
    .each((_, el) => {
      if ($(el).closest('header, nav, footer').length > 0) return;
      const byTag = new Map<string, Element[]>();
      for (const child of $(el).children().toArray()) {
        const holdsLink = [child, ...$(child).find('a[href]').toArray()].some((a) => a.tagName === 'a' && isItemLink($(a).attr('href')));
        if (!holdsLink) continue;
        const group = byTag.get(child.tagName) ?? [];
        group.push(child);
        byTag.set(child.tagName, group);
      }
      for (const items of byTag.values()) {
        if (items.length > LIST_PAGE_SIZE && items.length > (best?.items.length ?? 0)) best = { container: el, items };
      }
    });
  return best;
}

/** The twin's CSS ticker as a plain box the app's script moves (no animation, no telling class). */
function rebuildTicker($: cheerio.CheerioAPI, selector: string): void {
  $(selector).each((_, el) => {
    const kids = $(el).children();
    // QI wraps the text once more (div.scrolling-text): keep only what it holds.
    const inner = kids.length === 1 ? kids.first().html() : $(el).html();
    $(el).replaceWith(
      `<div class="${TICKER_BOX}" style="overflow:hidden;white-space:nowrap;width:100%">` +
        `<div class="${TICKER_TRACK}" style="display:inline-block;will-change:transform">${inner ?? ''}</div></div>`,
    );
  });
}

interface TwinPage {
  $: cheerio.CheerioAPI;
  title: string;
  list?: MainList;
}

/** One twin page as the app shows it: scripts dropped (innerHTML would not run them), ticker rebuilt. */
function readTwinPage(site: SpaSite, reply: Reply): TwinPage {
  const html = new TextDecoder(site.twin.info.charset).decode(reply.body);
  const $ = cheerio.load(html);
  const title = $('title').first().text().trim();
  $('body script').remove();
  if (site.options.ticker) rebuildTicker($, site.options.ticker);
  return { $, title, list: findMainList($, site.options.main) };
}

const isHtml = (reply: Reply) => (reply.headers['content-type'] ?? '').startsWith('text/html');

/** Does this twin answer become the app shell? Pages do; files, redirects and server pages do not. */
function isAppPage(site: SpaSite, pathname: string, reply: Reply): boolean {
  return isHtml(reply) && !reply.headers.location && !site.options.serverPages.includes(pathname);
}

// ── The API ──────────────────────────────────────────────────────────────────────────────────────

type TwinAnswer = (target: string) => Reply;

function json(status: number, value: unknown): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
  };
}

const badRequest = (why: string) => json(400, { error: { vi: `Yêu cầu không hợp lệ: ${why}`, en: `Bad request: ${why}` } });

/** `path` of an API call: a same-site `path?query`. */
function pagePath(url: URL): string | undefined {
  const p = url.searchParams.get('path');
  return p && p.startsWith('/') && !p.startsWith('//') ? p : undefined;
}

/** `/api/page?path=…`: the twin's page body, its main list cut after LIST_PAGE_SIZE items. */
export function apiPage(site: SpaSite, target: string, twinAnswer: TwinAnswer): { status: number; answer: SpaPageAnswer } {
  const reply = twinAnswer(target);
  const pathname = new URL(target, 'http://spa.invalid').pathname;
  if (reply.headers.location) return { status: 200, answer: { status: reply.status, redirect: reply.headers.location } };
  if (!isAppPage(site, pathname, reply)) return { status: 200, answer: { status: reply.status, file: target } };
  const { $, title, list } = readTwinPage(site, reply);
  let more: { offset: number; total: number } | undefined;
  if (list) {
    for (const item of list.items.slice(LIST_PAGE_SIZE)) $(item).remove();
    $(list.container).attr('data-spa-list', '');
    // A button cannot sit inside a table: it goes after the table of a tbody list.
    const anchor = $(list.container).is('tbody, thead, tr') ? $(list.container).closest('table') : $(list.container);
    anchor.after(
      `<p class="text-center qi-xem-them-wrap"><button type="button" class="btn qi-xem-them" data-spa-more="${escapeHtml(target)}" ` +
        `data-spa-offset="${LIST_PAGE_SIZE}">Xem thêm</button></p>`,
    );
    more = { offset: LIST_PAGE_SIZE, total: list.items.length };
  }
  const html = $('body').html() ?? '';
  return { status: reply.status, answer: { status: reply.status, title, html, ...(more ? { more } : {}) } };
}

/** `/api/more?path=…&offset=N`: the main list's items from N on (the same list `/api/page` cut). */
export function apiMore(site: SpaSite, target: string, offset: number, twinAnswer: TwinAnswer): SpaMoreAnswer | undefined {
  const reply = twinAnswer(target);
  if (!isAppPage(site, new URL(target, 'http://spa.invalid').pathname, reply) || reply.status !== 200) return undefined;
  const { $, list } = readTwinPage(site, reply);
  if (!list) return undefined;
  return { offset, total: list.items.length, html: list.items.slice(offset).map((el) => $.html(el)).join('\n') };
}

/**
 * Answers one request of the SPA portal. `twinAnswer` answers a target as the twin's own server
 * would (same anchor and origin), so this module needs nothing else of the fixture server.
 */
export function answerSpa(site: SpaSite, target: string, twinAnswer: TwinAnswer): Reply {
  const url = new URL(target, 'http://spa.invalid');
  if (url.pathname === '/api/page' || url.pathname === '/api/more') {
    const p = pagePath(url);
    if (!p) return badRequest('path');
    if (url.pathname === '/api/page') {
      const { status, answer } = apiPage(site, p, twinAnswer);
      return json(status, answer);
    }
    const offset = Number(url.searchParams.get('offset') ?? LIST_PAGE_SIZE);
    if (!Number.isInteger(offset) || offset < 0) return badRequest('offset');
    const more = apiMore(site, p, offset, twinAnswer);
    return more ? json(200, more) : json(404, { error: { vi: 'Trang không có danh sách', en: 'No list on this page' } });
  }
  const file = site.files.get(url.pathname);
  if (file) {
    const type = url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
    return { status: 200, headers: { 'content-type': `${type}; charset=utf-8` }, body: file };
  }
  const reply = twinAnswer(target);
  if (!isAppPage(site, url.pathname, reply)) return reply;
  // Deep links work because every page route serves the shell; a missing page keeps its 404.
  return { status: reply.status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(site.shell, 'utf8') };
}

/**
 * Serves the fixture portals (fixtures/<id>/) on 127.0.0.1: one HTTP server per portal on an
 * ephemeral port, so every portal is a different site. Pages are rendered per request against the
 * ANCHOR instant: a fixed one (tests) or, by default, the clock at the moment of each request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LoadedPortal, type PortalInfo, type Route, FixtureError, defaultFixturesDir, listPortalInfos, loadPortal, partialFile, routeKey } from './fixture-portal.js';
import { type RenderContext, renderTemplate } from './templates.js';
import { resolveDate } from './template-dates.js';
import { encodeWindows1258 } from './cp1258.js';
import { STATIC_TYPES, extensionOf, makeStaticFile } from './static-files.js';
import { answerSpa } from './spa-portal.js';
import path from 'node:path';

export type { PortalInfo } from './fixture-portal.js';

export interface ServedPortal {
  id: string;
  name: string;
  level: string;
  boarding: boolean;
  platform: string;
  /** Home page, `http://127.0.0.1:<port>/`. */
  url: string;
  /** Set for a portal built by JavaScript (portal.yaml `needsRender`): without rendering it looks empty. */
  needsRender?: boolean;
}

export interface FixtureServerOptions {
  /** The instant the portals' dates are relative to; default: the clock at each request. */
  anchor?: Date;
  /** Portal ids to serve; default: all of them. */
  portals?: string[];
  fixturesDir?: string;
}

export interface FixtureServer {
  portals: ServedPortal[];
  /** A URL where nothing listens (a port bound, then released): connections are refused. */
  deadUrl: string;
  /** The fixed anchor, or the instant the server started when the anchor follows the clock. */
  anchor: Date;
  close(): Promise<void>;
}

/** portal.yaml of every fixture portal, sorted by id. */
export async function listFixturePortals(fixturesDir: string = defaultFixturesDir()): Promise<PortalInfo[]> {
  return listPortalInfos(fixturesDir);
}

const TEXT_TYPES: Record<string, string> = {
  '': 'text/html',
  html: 'text/html',
  htm: 'text/html',
  aspx: 'text/html',
  php: 'text/html',
  xml: 'application/xml',
  txt: 'text/plain',
  css: 'text/css',
  js: 'text/javascript',
  json: 'application/json',
};

function findRoute(portal: LoadedPortal, target: string): Route | undefined {
  const key = routeKey(target);
  const pathOnly = key.replace(/\?.*$/, '');
  return (
    portal.routes.get(key) ??
    portal.routes.get(pathOnly) ??
    portal.wildcards.find((r) => r.pattern!.test(key) || r.pattern!.test(pathOnly))
  );
}

/** Pictures under an images folder need no route: any .png/.jpg/.gif there exists. */
function isFreeImage(portal: LoadedPortal, pathname: string): boolean {
  const ext = extensionOf(pathname);
  if (!['png', 'jpg', 'jpeg', 'gif'].includes(ext)) return false;
  const segments = pathname.split('/').slice(1, -1);
  return segments.some((s) => portal.imageDirs.includes(s));
}

function encodeText(portal: LoadedPortal, text: string): Buffer {
  return portal.info.charset === 'windows-1258' ? encodeWindows1258(text) : Buffer.from(text, 'utf8');
}

function textContentType(portal: LoadedPortal, route: Route | undefined, pathname: string): string {
  const base = route?.contentType ?? TEXT_TYPES[extensionOf(pathname)] ?? 'text/html';
  return base.includes('charset') ? base : `${base}; charset=${portal.info.charset}`;
}

/** One answer of a portal: what the HTTP server writes. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function notFound(portal: LoadedPortal, ctx: () => RenderContext): Reply {
  const tpl = portal.templates.get('404.html');
  const html = tpl
    ? renderTemplate(tpl, ctx())
    : `<!DOCTYPE html><html lang="vi"><head><meta charset="${portal.info.charset}"><title>404 - Không tìm thấy trang</title></head>` +
      `<body><h1>404</h1><p>Trang bạn tìm không tồn tại. / Page not found.</p><p><a href="/">Về trang chủ</a></p></body></html>`;
  return { status: 404, headers: { 'content-type': `text/html; charset=${portal.info.charset}` }, body: encodeText(portal, html) };
}

/** Answers one request of one portal. Exported for tests that need no socket. */
export function answer(portal: LoadedPortal, target: string, anchor: Date, origin = 'http://127.0.0.1'): Reply {
  const spa = portal.spa;
  if (spa) return answerSpa(spa, target, (t) => answer(spa.twin, t, anchor, origin));
  const url = new URL(target, 'http://fixture.invalid');
  const route = findRoute(portal, target);
  const ctxFor = (r: Route | undefined): RenderContext => ({
    anchor,
    vars: { ...portal.vars, ...r?.vars },
    query: url.searchParams,
    origin,
    partial: (name) => {
      const file = name.includes('.') && portal.templates.has(name) ? name : partialFile(name);
      return portal.templates.get(file);
    },
  });
  if (!route) {
    if (isFreeImage(portal, url.pathname)) {
      const ext = extensionOf(url.pathname);
      return { status: 200, headers: { 'content-type': STATIC_TYPES[ext]! }, body: makeStaticFile(url.pathname)! };
    }
    return notFound(portal, () => ctxFor(undefined));
  }
  const headers: Record<string, string> = {};
  if (route.lastModified) {
    headers['last-modified'] = resolveDate(route.lastModified.base, route.lastModified.offset, anchor).toUTCString();
  }
  if (route.redirect) {
    headers.location = route.redirect;
    return { status: route.status, headers, body: Buffer.alloc(0) };
  }
  if (route.template) {
    const html = renderTemplate(route.template, ctxFor(route));
    headers['content-type'] = textContentType(portal, route, url.pathname);
    return { status: route.status, headers, body: encodeText(portal, html) };
  }
  // A broken attachment answers the portal's error page, as a real server does, not the file.
  if (route.status >= 400) {
    const nf = notFound(portal, () => ctxFor(route));
    return { ...nf, status: route.status, headers: { ...nf.headers, ...headers } };
  }
  const ext = extensionOf(url.pathname);
  const file = makeStaticFile(url.pathname, route.title);
  if (file) {
    headers['content-type'] = route.contentType ?? STATIC_TYPES[ext]!;
    return { status: route.status, headers, body: file };
  }
  throw new FixtureError(`${portal.info.id}/routes.yaml ${route.key}: no template, redirect or generated file for "${url.pathname}"`);
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A port that was bound and released: nothing listens there. */
async function deadPort(): Promise<number> {
  const s = http.createServer();
  const port = await listen(s);
  await closeServer(s);
  return port;
}

function portalHandler(portal: LoadedPortal, anchorOf: () => Date, origin: () => string): http.RequestListener {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let reply: Reply;
    try {
      reply = answer(portal, req.url ?? '/', anchorOf(), origin());
    } catch (e) {
      // A broken fixture is the fixture author's bug: say so loudly, in the page and on stderr.
      const msg = `fixture error: ${(e as Error).message}`;
      process.stderr.write(`[fixture-server] ${portal.info.id} ${req.url}: ${msg}\n`);
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(msg);
      return;
    }
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  };
}

export async function startFixtureServer(opts: FixtureServerOptions = {}): Promise<FixtureServer> {
  const fixturesDir = opts.fixturesDir ?? defaultFixturesDir();
  const infos = await listPortalInfos(fixturesDir);
  const wanted = opts.portals ?? infos.map((i) => i.id);
  for (const id of wanted) {
    if (!infos.some((i) => i.id === id)) throw new FixtureError(`no fixture portal "${id}" in ${fixturesDir}`);
  }
  const loaded = await Promise.all(wanted.map((id) => loadPortal(path.join(fixturesDir, id))));
  const started = new Date();
  const anchorOf = opts.anchor ? () => opts.anchor! : () => new Date();
  const servers: http.Server[] = [];
  const portals: ServedPortal[] = [];
  try {
    for (const portal of loaded) {
      let origin = '';
      const server = http.createServer(portalHandler(portal, anchorOf, () => origin));
      servers.push(server);
      const port = await listen(server);
      origin = `http://127.0.0.1:${port}`;
      const { id, name, level, boarding, platform } = portal.info;
      portals.push({ id, name, level, boarding, platform, url: `http://127.0.0.1:${port}/`, ...(portal.info.needsRender ? { needsRender: true } : {}) });
    }
  } catch (e) {
    await Promise.all(servers.map(closeServer));
    throw e;
  }
  const dead = await deadPort();
  return {
    portals,
    deadUrl: `http://127.0.0.1:${dead}/`,
    anchor: opts.anchor ?? started,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

/**
 * Browser rendering as the crawler uses it: which pages need a browser (`--render auto|never|always`),
 * one lazily started Chromium shared by every school, renders counted against the same request limits
 * as HTTP fetches, and the evidence step (screenshots and layout of chosen pages).
 * Without Chromium the audit goes on: one line says how to install it, and pages that needed a
 * browser carry `renderError` so the judge marks what they hold `unknown`.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { extractPage } from '../extract/page.js';
import type { PageFacts, RenderMode, ScreenshotFact, TickerFact } from '../types.js';
import { normaliseVi } from '../normalise.js';
import type { RequestLimiter } from './limiter.js';
// The pool (and playwright-core, ≈ 70 MB) is loaded on first need: most runs render nothing.
import type { BrowserPool } from './render/browser-pool.js';
import { findChromium } from './render/chromium.js';
import { needsRender } from './render/needs-render.js';

export interface RenderSettings {
  /** Default for schools that do not set `render` (default `auto`). */
  mode: RenderMode;
  /** Chromium binary (`--chromium`); else PORTAL_AUDIT_CHROMIUM, else Debian's paths. */
  chromium?: string;
  /** Browser contexts rendering at once (default from bench/RESULTS.md and the core count). */
  contexts?: number;
  /** The crawl's per-request timeout: a rendered page gets a little more (scripts, settling). */
  timeoutMs?: number;
  /** Told once, e.g. that Chromium is missing. */
  notice?: (line: string) => void;
}

/** Viewport widths of the layout check: an office screen and a phone (SPEC "Layout not broken"). */
export const LAYOUT_WIDTHS = [1366, 390];

export const NOT_RENDERED_NEVER = 'Trang cần trình duyệt nhưng không được dựng (--render never) / the page needs a browser but was not rendered (--render never)';

export interface EvidenceTarget {
  /** Canonical URL of a crawled page. */
  url: string;
  /** File name without extension: `home`, `VIII.1-lich-cong-tac-tuan`. */
  name: string;
  /** Measure the layout at every width (home page, school-made sections), not only take the picture. */
  layout?: boolean;
}

export interface Renderer {
  /** Reads a fetched HTML page again through the browser when the mode and the page call for it. */
  upgrade(facts: PageFacts, html: string, mode: RenderMode | undefined, sameSite: (url: string) => boolean, lastModified?: string): Promise<PageFacts>;
  /**
   * Screenshots and layout of the given pages, written under `outDir/relDir`; the pages' facts get
   * `screenshot` and `layout`. Nothing happens without a browser or with `never`.
   */
  capture(pages: PageFacts[], targets: EvidenceTarget[], sameSite: (url: string) => boolean, outDir: string, relDir: string): Promise<number>;
  readonly stats: { rendered: number; captured: number; failed: number };
  close(): Promise<void>;
}

export function createRenderer(settings: RenderSettings, limiter: RequestLimiter, hosts: Record<string, string>, userAgent: string): Renderer {
  let pool: Promise<BrowserPool | string> | undefined;
  const stats = { rendered: 0, captured: 0, failed: 0 };

  /** The browser, started on first need; a string says why there is none (told once). */
  const browser = (): Promise<BrowserPool | string> => {
    pool ??= (async () => {
      const found = findChromium(settings.chromium);
      if ('missing' in found) {
        settings.notice?.(found.missing);
        return found.missing;
      }
      try {
        const { defaultContexts, launchBrowserPool } = await import('./render/browser-pool.js');
        return await launchBrowserPool({
          executablePath: found.path,
          contexts: settings.contexts ?? defaultContexts(),
          hosts,
          userAgent,
          ...(settings.timeoutMs ? { pageTimeoutMs: settings.timeoutMs + 5000 } : {}),
        });
      } catch (e) {
        const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
        settings.notice?.(why);
        return why;
      }
    })();
    return pool;
  };

  return {
    stats,
    async upgrade(facts, html, mode = settings.mode, sameSite, lastModified) {
      if (mode === 'never') {
        const why = needsRender(html, facts);
        return why ? { ...facts, needsRender: why, renderError: NOT_RENDERED_NEVER } : facts;
      }
      const why = mode === 'always' ? null : needsRender(html, facts);
      if (mode === 'auto' && !why) return facts;
      const b = await browser();
      if (typeof b === 'string') return { ...facts, ...(why ? { needsRender: why } : {}), renderError: b };
      const page = await limiter.run(facts.finalUrl, () => b.render(facts.finalUrl, { sameSite }));
      if (page.error || !page.html) {
        stats.failed++;
        return { ...facts, ...(why ? { needsRender: why } : {}), renderError: page.error ?? 'empty page' };
      }
      stats.rendered++;
      const rendered = extractPage({
        url: facts.url,
        finalUrl: facts.finalUrl,
        status: facts.status,
        contentType: facts.contentType,
        html: page.html,
        fetchedAt: facts.fetchedAt,
        depth: facts.depth,
        rendered: true,
        ...(lastModified ? { lastModified } : {}),
      });
      rendered.tickers = mergeTickers(rendered.tickers, page.tickers);
      if (why) rendered.needsRender = why;
      if (facts.truncated) rendered.truncated = true;
      return rendered;
    },

    async capture(pages, targets, sameSite, outDir, relDir) {
      if (settings.mode === 'never' || !targets.length) return 0;
      const b = await browser();
      if (typeof b === 'string') return 0;
      const byUrl = new Map(pages.map((p) => [p.url, p]));
      let done = 0;
      await Promise.all(
        targets.map(async (t) => {
          const facts = byUrl.get(t.url);
          if (!facts || facts.error) return;
          const rel = `${relDir}/${t.name}.jpg`;
          const file = join(outDir, ...rel.split('/'));
          await mkdir(dirname(file), { recursive: true });
          const takenAt = new Date().toISOString();
          const shot = await limiter.run(facts.finalUrl, () => b.capture(facts.finalUrl, { sameSite, file, widths: t.layout ? LAYOUT_WIDTHS : LAYOUT_WIDTHS.slice(0, 1) }));
          if (shot.layout) facts.layout = shot.layout;
          if (shot.screenshot) {
            const fact: ScreenshotFact = { file: rel, takenAt, width: LAYOUT_WIDTHS[0]! };
            facts.screenshot = fact;
            done++;
            stats.captured++;
          }
        }),
      );
      return done;
    },

    async close() {
      const b = pool ? await pool : undefined;
      if (b && typeof b !== 'string') await b.close();
    },
  };
}

/** Tickers read from the markup and those seen moving in the browser, each text once. */
function mergeTickers(found: TickerFact[], moving: TickerFact[]): TickerFact[] {
  const seen = new Set(found.map((t) => normaliseVi(t.text)));
  const out = [...found];
  for (const t of moving) {
    const key = normaliseVi(t.text);
    if (seen.has(key) || [...seen].some((s) => s.includes(key) || key.includes(s))) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

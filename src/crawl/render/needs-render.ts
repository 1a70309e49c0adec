/**
 * Whether a page fetched over HTTP looks built by JavaScript, so that only a browser shows its
 * menus and lists. Runs on every page in `--render auto`: a few regular expressions over the HTML,
 * no parse. Real portals (Viettel, QI, NukeViet) send their content in the HTML and must say null.
 */
import { cleanText, normaliseVi } from '../../normalise.js';
import type { PageFacts } from '../../types.js';

/** Below this much visible text an app root is an empty shell (a real page has menus, a footer …). */
const SHELL_TEXT_CHARS = 200;
/** "Many scripts, few links, little text": a bundle-driven page with nothing to read yet. */
const MANY_SCRIPTS = 5;
const FEW_LINKS = 5;
const LITTLE_TEXT_CHARS = 500;
/** A <noscript> warning on a page that still has content is only a fallback note. */
const NOSCRIPT_TEXT_CHARS = 1000;

/** Element ids frameworks mount their application on, and the marks they leave on it. */
const APP_ROOT_ID = /<[a-z][\w-]*\b[^>]*\bid\s*=\s*["']?(app|root|__next|__nuxt|q-app|svelte|main-app|react-root|vue-app)(?=["'\s>])/i;
const APP_ROOT_MARK = /<(app-root)\b|<[a-z][\w-]*\b[^>]*\s(ng-app|data-reactroot|data-v-app|ng-version)\b/i;

/** Visible text of the body: scripts, styles, templates, comments and tags removed. */
function visibleText(html: string): string {
  const body = /<body\b[^>]*>([\s\S]*)/i.exec(html)?.[1] ?? html;
  const text = body
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;?/gi, ' ')
    .replace(/&[a-z]+;|&#\d+;|&#x[\da-f]+;/gi, 'x');
  return cleanText(text);
}

function appRoot(html: string): string | null {
  const id = APP_ROOT_ID.exec(html);
  if (id) return `#${id[1]}`;
  const mark = APP_ROOT_MARK.exec(html);
  if (mark) return mark[1] ? '<app-root>' : `[${mark[2]!.toLowerCase()}]`;
  return null;
}

/** "Please enable JavaScript", "Vui lòng bật JavaScript", "You need to enable JavaScript to run this app". */
function noscriptAsksForJs(html: string): boolean {
  for (const m of html.matchAll(/<noscript\b[^>]*>([\s\S]*?)<\/noscript\s*>/gi)) {
    const text = normaliseVi(m[1]!.replace(/<[^>]*>/g, ' '));
    if (/\b(enable|enabled|turn on|activate|requires?|need|bat|kich hoat|cho phep|can)\b.*\bjavascript\b|\bjavascript\b.*\b(required|enabled|disabled|bat|kich hoat)\b/.test(text)) {
      return true;
    }
  }
  return false;
}

/** Why a page fetched over HTTP looks built by JavaScript, or null. Cheap (runs on every page in auto mode). */
export function needsRender(html: string, facts: PageFacts): string | null {
  if (!html || facts.error || (facts.status && facts.status >= 400)) return null;
  if (facts.contentType && !/html|xml/i.test(facts.contentType)) return null;
  // Most pages: their main content alone is more text than any rule below allows (≈ 5 chars a word).
  if (facts.wordCount * 5 >= NOSCRIPT_TEXT_CHARS) return null;
  const chars = visibleText(html).length;
  const links = facts.links.length;
  const root = appRoot(html);
  if (root && chars < SHELL_TEXT_CHARS) {
    return `khung ứng dụng ${root} chỉ có ${chars} ký tự chữ / app root ${root} with only ${chars} characters of text`;
  }
  const scripts = html.match(/<script\b/gi)?.length ?? 0;
  if (scripts >= MANY_SCRIPTS && links < FEW_LINKS && chars < LITTLE_TEXT_CHARS) {
    return `${scripts} script, ${links} liên kết, ${chars} ký tự chữ / ${scripts} scripts, ${links} links, ${chars} characters of text`;
  }
  if (chars < NOSCRIPT_TEXT_CHARS && noscriptAsksForJs(html)) {
    return `thẻ <noscript> yêu cầu bật JavaScript, ${chars} ký tự chữ / a <noscript> asks to enable JavaScript, ${chars} characters of text`;
  }
  return null;
}

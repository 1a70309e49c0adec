/**
 * Scrolling text ("Dòng chữ chạy"): `<marquee>`; CSS tickers (QI `div.qiChuChay > div.scrolling-text`,
 * classes named marquee/ticker/chu-chay…, or an element animated by `@keyframes` that move it);
 * JS tickers (jQuery simplyScroll lists, `ul`s named marquee, often `display:none` until scripts run).
 */
import { cleanText } from '../normalise.js';
import type { TickerFact } from '../types.js';
import type { PageContext } from './context.js';
import { type El, attr, textOf } from './dom.js';

const CSS_TICKER_TOKEN = /marquee|(^|[-_])ticker|chu-?chay|scroll-?text|scrolling-text/;
const TICKER_HINT = /marquee|ticker|chu-?chay|chuchay|scroll/i;
const JS_TICKER_TOKEN = /marquee|simply-?scroll/;
/** Keyframes that move their element (not a fade or a spin). */
const MOVING_KEYFRAMES = /transform\s*:[^;}]*translate|(?:^|[;{\s])(?:left|right|margin-left|margin-top|top)\s*:/i;

/** Ticker text: items joined by " | ", QI `&nbsp;|&nbsp;` separators folded to " | ". */
export function tickerText(ctx: PageContext, el: El): string {
  const items = ctx.dom.find(el, 'li').filter((li) => !ctx.dom.find(li, 'li').length);
  const raw = items.length >= 2 ? items.map((li) => textOf(li)).filter(Boolean).join(' | ') : textOf(el);
  return cleanText(raw.replace(/\s*\|\s*/g, ' | ')).replace(/^\|\s*|\s*\|$/g, '');
}

function isJsTicker(ctx: PageContext, el: El): boolean {
  const names = ctx.dom.names(el);
  if (names.some((t) => t.startsWith('simply-scroll') || t === 'simplyscroll')) return true;
  return (el.name === 'ul' || el.name === 'ol') && names.some((t) => JS_TICKER_TOKEN.test(t));
}

function isCssTicker(ctx: PageContext, el: El): boolean {
  const names = ctx.dom.names(el);
  return names.includes('qichuchay') || names.some((t) => CSS_TICKER_TOKEN.test(t));
}

/** Elements animated by moving keyframes, through inline styles or the page's <style> rules. */
function animatedElements(ctx: PageContext): El[] {
  const styles = ctx.dom.byTag('style').map((s) => (s.children ?? []).map((c) => c.data ?? '').join('')).join('\n');
  const inline = ctx.dom.els.filter((el) => /animation/i.test(attr(el, 'style')));
  if (!styles.includes('animation') && !inline.length) return [];
  const moving = new Set<string>();
  for (const m of styles.matchAll(/@(?:-webkit-)?keyframes\s+([\w-]+)\s*\{((?:[^{}]*\{[^{}]*\})*[^{}]*)\}/g)) {
    if (MOVING_KEYFRAMES.test(m[2]!)) moving.add(m[1]!);
  }
  if (!moving.size) return [];
  const usesMoving = (decls: string) => {
    for (const m of decls.matchAll(/animation(?:-name)?\s*:\s*([^;}]+)/gi)) {
      if (m[1]!.split(/[\s,]+/).some((w) => moving.has(w))) return true;
    }
    return false;
  };
  const out: El[] = inline.filter((el) => usesMoving(attr(el, 'style')));
  const css = styles.replace(/@(?:-webkit-)?keyframes\s+[\w-]+\s*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of css.matchAll(/([^{}@]+)\{([^{}]*)\}/g)) {
    if (!usesMoving(m[2]!)) continue;
    for (const sel of m[1]!.split(',')) {
      // Pseudo-classes describe states; the element is the same.
      const s = sel.replace(/::?(hover|focus|active|visited|before|after|first-line|first-letter)\b/g, '').trim();
      if (!s) continue;
      try {
        ctx.$(s).each((_, e) => {
          out.push(e as unknown as El);
        });
      } catch {
        /* selectors cheerio cannot run */
      }
    }
  }
  return out;
}

export function extractTickers(ctx: PageContext): TickerFact[] {
  const out: TickerFact[] = [];
  const chosen: El[] = [];
  const inside = (el: El) => chosen.some((c) => ctx.dom.contains(c, el) || ctx.dom.contains(el, c));
  const push = (el: El, kind: TickerFact['kind'], keepEmpty: boolean) => {
    if (inside(el)) return;
    const text = tickerText(ctx, el);
    if (!text && !keepEmpty) return;
    chosen.push(el);
    ctx.tickerEls.add(el);
    out.push({ kind, text });
  };
  for (const el of ctx.dom.byTag('marquee')) push(el, 'marquee', true);
  // Only elements whose class or id names a ticker at all are looked at closely.
  const named = ctx.dom.els.filter((el) => TICKER_HINT.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`));
  for (const el of named) if (isJsTicker(ctx, el)) push(el, 'js', true);
  for (const el of named) if (isCssTicker(ctx, el)) push(el, 'css', true);
  for (const el of animatedElements(ctx)) push(el, 'css', false);
  const seen = new Set<string>();
  return out.filter((t) => {
    const k = `${t.kind}\u0000${t.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Code that runs inside the rendered page. Playwright sends each function's source text to the
 * browser, so every function here is self-contained: no imports, no helpers from outside its body.
 * The project compiles without DOM types (Node only), hence the loose declarations below; the
 * tests run every function in real Chromium.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
declare const getComputedStyle: any;
declare const MutationObserver: any;
declare const requestAnimationFrame: any;

/** Name of the window property where `recordMotion` keeps its counts. */
export const MOTION_KEY = '__portalAuditMotion';

/**
 * Init script (before any page script): counts, per element, how often a script moved it: its
 * inline left/top/transform/margin changed (jQuery animate, marquee plugins) or it scrolled
 * (simplyScroll). Costs nothing on pages that move nothing, so JS tickers need no extra wait there.
 */
export function recordMotion(key: string): void {
  const w = window;
  if (w[key]) return;
  const moves = new Map<any, { n: number; last: string; at: number }>();
  w[key] = { moves };
  const note = (el: any, where: string): void => {
    const r = moves.get(el);
    const at = w.performance.now();
    if (!r) {
      if (moves.size < 2000) moves.set(el, { n: 0, last: where, at });
    } else if (r.last !== where) {
      r.n++;
      r.last = where;
      r.at = at;
    }
  };
  new MutationObserver((records: any[]) => {
    for (const m of records) {
      const s = m.target.style;
      if (s) note(m.target, `${s.left}|${s.top}|${s.right}|${s.bottom}|${s.transform}|${s.marginLeft}|${s.marginTop}`);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['style'] });
  document.addEventListener(
    'scroll',
    (e: any) => {
      const t = e.target;
      if (t && t.nodeType === 1) note(t, `${t.scrollLeft},${t.scrollTop}`);
    },
    { capture: true, passive: true },
  );
}

/** Name of the window property where `watchPageWork` keeps its counts. */
export const WORK_KEY = '__portalAuditWork';

/**
 * Init script: counts the work a page still has queued — short timeouts (≤ 1 s; intervals are
 * not counted, a ticker's never ends) and fetch/XHR requests — and when it last did any, so the
 * renderer can tell a page that is done from one about to fetch more. Node sees a request only a
 * moment after a script starts it; the page knows at once.
 */
export function watchPageWork(key: string): void {
  const w = window;
  if (w[key]) return;
  const state = { timers: new Set<unknown>(), requests: 0, last: 0 };
  w[key] = state;
  const touch = (): void => {
    state.last = w.performance.now();
  };
  const set = w.setTimeout;
  const clear = w.clearTimeout;
  w.setTimeout = function (this: unknown, fn: unknown, delay?: unknown, ...rest: unknown[]) {
    if (typeof fn !== 'function' || Number(delay) > 1000) return set.call(w, fn, delay, ...rest);
    const id = set.call(
      w,
      function (this: unknown, ...args: unknown[]) {
        state.timers.delete(id);
        touch();
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      },
      delay,
      ...rest,
    );
    state.timers.add(id);
    return id;
  };
  w.clearTimeout = function (id: unknown) {
    state.timers.delete(id);
    return clear.call(w, id);
  };
  const started = (): void => {
    state.requests++;
    touch();
  };
  const ended = (): void => {
    state.requests--;
    touch();
  };
  const fetch = w.fetch;
  if (fetch) {
    w.fetch = function (this: unknown, ...args: unknown[]) {
      started();
      const p = fetch.apply(this, args);
      p.then(ended, ended);
      return p;
    };
  }
  const XHR = w.XMLHttpRequest;
  if (XHR) {
    const send = XHR.prototype.send;
    XHR.prototype.send = function (this: any, ...args: unknown[]) {
      started();
      this.addEventListener('loadend', ended, { once: true });
      return send.apply(this, args);
    };
  }
}

/**
 * Whether the page has nothing left to do: loaded, no short timeout or request pending, nothing
 * done for `quietMs`, once the tasks already queued (a message-channel callback) have run.
 */
export function pageIdle(arg: { key: string; quietMs: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const channel = new window.MessageChannel();
    channel.port1.onmessage = () => {
      const state = window[arg.key];
      if (!state) return resolve(document.readyState === 'complete');
      resolve(
        document.readyState === 'complete' &&
          state.timers.size === 0 &&
          state.requests <= 0 &&
          window.performance.now() - state.last >= arg.quietMs,
      );
    };
    channel.port2.postMessage(0);
  });
}

export interface RawTicker {
  kind: 'marquee' | 'css' | 'js';
  /** The element's text (innerText). */
  text: string;
  /** Texts of its list items when it is a list of ≥ 2 items (joined with " | " in Node). */
  items: string[];
}

/**
 * First look at scrolling text: `<marquee>` elements and elements with a running CSS animation
 * that moves them (not a fade-in) and never ends or lasts ≥ 5 s. Remembers the elements a script
 * has moved since load or touched in the last 0.5 s, with their position now, for
 * `jsTickersMoving` (a page that settles fast may have moved its ticker only once so far; the
 * second look decides).
 */
export function tickersFirstLook(key: string): { tickers: RawTicker[]; jsCandidates: number } {
  const state = window[key] ?? { moves: new Map() };
  window[key] = state;
  const found: any[] = [];
  const tickers: RawTicker[] = [];
  const describe = (el: any, kind: RawTicker['kind']): void => {
    if (found.some((f) => f === el || f.contains(el) || el.contains(f))) return;
    found.push(el);
    const leaves = Array.from(el.querySelectorAll('li') as ArrayLike<any>).filter((li: any) => !li.querySelector('li'));
    tickers.push({
      kind,
      text: String(el.innerText || el.textContent || ''),
      items: leaves.length >= 2 ? leaves.map((li: any) => String(li.innerText || li.textContent || '')) : [],
    });
  };
  for (const el of Array.from(document.querySelectorAll('marquee') as ArrayLike<any>)) describe(el, 'marquee');
  const MOVING = /^(transform|translate|left|right|top|bottom|marginLeft|marginTop|marginRight|textIndent|backgroundPosition)$/;
  for (const a of document.getAnimations ? document.getAnimations() : []) {
    const target = a.effect && a.effect.target;
    if (!target || a.playState !== 'running' || !target.isConnected) continue;
    const timing = a.effect.getTiming();
    const duration = typeof timing.duration === 'number' ? timing.duration : 0;
    if (!(timing.iterations === Infinity || duration * (timing.iterations || 1) >= 5000)) continue;
    const frames: any[] = a.effect.getKeyframes();
    if (!frames.some((f) => Object.keys(f).some((p) => MOVING.test(p)))) continue;
    // CSS animations have a name; animations started with element.animate() are the page's script.
    describe(target, typeof a.animationName === 'string' ? 'css' : 'js');
  }
  const sample = (el: any): string => {
    const r = el.getBoundingClientRect();
    return `${Math.round(r.left)},${Math.round(r.top)},${el.scrollLeft},${el.scrollTop},${getComputedStyle(el).transform}`;
  };
  state.found = found;
  state.candidates = [];
  const now = window.performance.now();
  for (const [el, r] of state.moves as Map<any, { n: number; at: number }>) {
    // moved since load, or touched by a script just now (a ticker that only started)
    if ((r.n >= 1 || now - r.at < 500) && el.isConnected) state.candidates.push({ el, at: sample(el) });
  }
  return { tickers, jsCandidates: state.candidates.length };
}

/** Second look, a few hundred ms later: candidates still moving are JS tickers (outermost only). */
export function jsTickersMoving(key: string): RawTicker[] {
  const state = window[key];
  if (!state || !state.candidates) return [];
  const sample = (el: any): string => {
    const r = el.getBoundingClientRect();
    return `${Math.round(r.left)},${Math.round(r.top)},${el.scrollLeft},${el.scrollTop},${getComputedStyle(el).transform}`;
  };
  const moving = state.candidates.filter((c: any) => c.el.isConnected && sample(c.el) !== c.at).map((c: any) => c.el);
  const found: any[] = state.found ?? [];
  const out: RawTicker[] = [];
  for (const el of moving) {
    if (moving.some((o: any) => o !== el && o.contains(el))) continue;
    if (found.some((f: any) => f === el || f.contains(el) || el.contains(f))) continue;
    found.push(el);
    const leaves = Array.from(el.querySelectorAll('li') as ArrayLike<any>).filter((li: any) => !li.querySelector('li'));
    out.push({
      kind: 'js',
      text: String(el.innerText || el.textContent || ''),
      items: leaves.length >= 2 ? leaves.map((li: any) => String(li.innerText || li.textContent || '')) : [],
    });
  }
  return out;
}

/** The whole document after scripts ran. */
export function documentHtml(): string {
  const dt = document.doctype;
  return (dt ? `<!DOCTYPE ${dt.name}>\n` : '') + document.documentElement.outerHTML;
}

/**
 * Clicks one visible "Xem thêm" / "Tải thêm" / "Xem tiếp" / "Load more" control that is not
 * navigation: a <button> (not one that submits a form), an <input type=button>, an element with
 * role=button, or a link whose href is missing, "#…" or "javascript:". Answers the size of the
 * document before the click (elements and text), or null when there is no such control.
 */
export function clickMoreButton(mark: string): { size: number } | null {
  const label = (s: string): string =>
    String(s || '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const MORE = /^(xem them|tai them|xem tiep|load more|show more)( [a-z0-9]+){0,3}$/;
  const isAction = (el: any): boolean => {
    const tag = el.tagName;
    if (tag === 'BUTTON') return !(el.form && (el.type === 'submit' || !el.getAttribute('type')));
    if (tag === 'INPUT') return el.type === 'button';
    if (tag === 'A') {
      const href = (el.getAttribute('href') ?? '').trim();
      return href === '' || href.startsWith('#') || /^javascript:/i.test(href);
    }
    return el.getAttribute('role') === 'button';
  };
  const visible = (el: any): boolean => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const controls = Array.from(document.querySelectorAll('button, input[type=button], a, [role=button]') as ArrayLike<any>);
  const el = controls.find((c: any) => MORE.test(label(c.tagName === 'INPUT' ? c.value : c.textContent)) && isAction(c) && visible(c));
  if (!el) return null;
  const size = document.getElementsByTagName('*').length + (document.body ? document.body.textContent.length : 0);
  el.setAttribute(mark, '1');
  el.click();
  return { size };
}

/** After a click: whether the control is gone (or hidden) and the document's size now. */
export function afterMoreClick(mark: string): { gone: boolean; size: number } {
  const el = document.querySelector(`[${mark}]`);
  if (el) el.removeAttribute(mark);
  const gone = !el || !el.isConnected || el.getClientRects().length === 0 || el.disabled === true;
  return { gone, size: document.getElementsByTagName('*').length + (document.body ? document.body.textContent.length : 0) };
}

/** Waits two frames, so a resize has been laid out and resize handlers have run. */
export function nextFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Horizontal overflow: how far the document is wider than the viewport (px, ≥ 0), and its height. */
export function documentOverflow(): { px: number; height: number } {
  const root = document.documentElement;
  const body = document.body;
  const width = Math.max(root.scrollWidth, body ? body.scrollWidth : 0);
  const height = Math.max(root.scrollHeight, body ? body.scrollHeight : 0);
  return { px: Math.max(0, Math.round(width - window.innerWidth)), height };
}

/**
 * Images that finished loading with nothing to show (naturalWidth 0). Skipped: no src, data: and
 * blob: placeholders, and images not loaded yet (lazy images never requested).
 */
export function brokenImages(): string[] {
  const out: string[] = [];
  for (const img of Array.from(document.images as ArrayLike<any>)) {
    const src = String(img.currentSrc || img.src || '');
    if (!img.getAttribute('src') && !img.getAttribute('srcset')) continue;
    if (!src || /^(data|blob|about):/i.test(src)) continue;
    if (img.complete && img.naturalWidth === 0) out.push(src);
  }
  return [...new Set(out)];
}

/**
 * Images, videos and attached documents. Attachments come as plain links to files, Viettel
 * `downloadFile('<id>','<path>')` buttons without href, QI `div.qi-tep-dinhkem` blocks, and in-page
 * viewers (an iframe on the PDF itself, QI `/ViewFilePdf` and `/XemTaiLieu`, Office Online, Google Docs).
 */
import { cleanText, normaliseVi } from '../normalise.js';
import type { AttachmentFact, AudioFact, ImageFact, VideoFact } from '../types.js';
import type { PageContext } from './context.js';
import { type El, attr, closest, parentEl, textOf } from './dom.js';
import { linkLabel } from './navigation.js';
import { DOCUMENT_EXTS, IMAGE_EXTS, VIDEO_EXTS, downloadFileTargets, fileExtension, fileName, viewerTarget } from './urls.js';

// ───────────── images ─────────────

const LAZY_ATTRS = ['data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-url', 'data-echo'];
const PLACEHOLDER = /^data:|blank\.(gif|png)|spacer\.gif|loading|lazy|placeholder|grey\.gif|transparent\.(gif|png)/i;
/** Words of class/id tokens and file names that mark decoration, not content. */
const DECOR_WORDS = new Set([
  'logo', 'icon', 'icons', 'ico', 'banner', 'advert', 'ads', 'ad', 'qc', 'quangcao', 'emoticon', 'emoji', 'smiley', 'sticker',
  'share', 'social', 'btn', 'button', 'arrow', 'bullet', 'spacer', 'pixel', 'loading', 'noimage', 'rss', 'print', 'hotline',
  'phone', 'flag', 'powered', 'sodo', 'scrollup', 'avatar-default',
]);
const DECOR_AFFIX = /^(logo|icon|banner|btn|button|share|social|emoji|emoticon|quangcao|advert)|(logo|banner|icon)$/;

/** "icon-phone", "LogoBotoom", "quang-cao": decoration. Whole words only ("qicontentdetail" is not an icon). */
function isDecorWord(token: string): boolean {
  const t = token.toLowerCase();
  if (/no-?image|quang-?cao/.test(t)) return true;
  return t.split(/[-_.\s]+/).some((p) => DECOR_WORDS.has(p) || DECOR_AFFIX.test(p));
}

export function imageSrc(ctx: PageContext, img: El): string | null {
  for (const a of LAZY_ATTRS) {
    const v = attr(img, a);
    if (v && !PLACEHOLDER.test(v)) {
      const u = ctx.urls.resolve(v);
      if (u) return u;
    }
  }
  const src = attr(img, 'src');
  if (src && !/^data:/i.test(src)) return ctx.urls.resolve(src);
  const set = attr(img, 'data-srcset') || attr(img, 'srcset');
  if (set) return ctx.urls.resolve(set.trim().split(/\s+/)[0]);
  return null;
}

function tinySide(img: El): boolean {
  const dims: number[] = [];
  for (const a of ['width', 'height']) {
    const v = /^\s*(\d+)\s*(px)?\s*$/i.exec(attr(img, a));
    if (v) dims.push(Number(v[1]));
  }
  for (const m of attr(img, 'style').matchAll(/(?:^|;)\s*(?:width|height)\s*:\s*(\d+)px/gi)) dims.push(Number(m[1]));
  return dims.some((d) => d > 0 && d <= 40);
}

function isDecoration(ctx: PageContext, img: El, src: string): boolean {
  if (tinySide(img)) return true;
  let cur: El | null = img;
  for (let i = 0; cur && i < 3; i++, cur = parentEl(cur)) {
    if (ctx.dom.names(cur).some(isDecorWord)) return true;
  }
  const file = fileName(src).toLowerCase();
  if (isDecorWord(file.replace(/\.[a-z0-9]+$/, ''))) return true;
  if (/\.(gif|svg|ico)$/.test(file) && !/upload/i.test(src)) return true;
  const alt = normaliseVi(attr(img, 'alt'));
  return /^(logo|banner|icon|moi|new|hot|quang cao)\b/.test(alt);
}

/** Beyond this a page is a dump, not a school page; crawl.json stays small. */
const MAX_IMAGES = 2000;

export function extractImages(ctx: PageContext, inContentArea: (el: El) => boolean): ImageFact[] {
  const out = new Map<string, ImageFact>();
  for (const img of ctx.dom.byTag('img')) {
    if (out.size >= MAX_IMAGES) break;
    const src = imageSrc(ctx, img);
    if (!src) continue;
    const inContent = inContentArea(img) && !isDecoration(ctx, img, src);
    const prev = out.get(src);
    if (prev) prev.inContent ||= inContent;
    else out.set(src, { src, alt: cleanText(attr(img, 'alt')), inContent });
  }
  return [...out.values()];
}

// ───────────── videos ─────────────

export function videoKind(url: string): VideoFact['kind'] | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();
  if (/(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be)$/.test(host)) return 'youtube';
  if (/(^|\.)vimeo\.com$/.test(host)) return 'vimeo';
  if (/(^|\.)(facebook\.com|fb\.watch)$/.test(host) && /video|watch|\/videos\//i.test(u.pathname + u.search + host)) return 'facebook';
  if (VIDEO_EXTS.has(fileExtension(url))) return 'file';
  return null;
}

export function extractVideos(ctx: PageContext): VideoFact[] {
  const out = new Map<string, VideoFact>();
  const add = (src: string | null, kind: VideoFact['kind'] | null, title: string) => {
    if (!src || !kind || out.has(src)) return;
    const v: VideoFact = { kind, src };
    if (title) v.title = title;
    out.set(src, v);
  };
  for (const el of ctx.dom.els) {
    switch (el.name) {
      case 'video': {
        const title = cleanText(attr(el, 'title'));
        add(ctx.urls.resolve(attr(el, 'src') || attr(el, 'data-src')), 'html5', title);
        for (const s of ctx.dom.find(el, 'source')) add(ctx.urls.resolve(attr(s, 'src') || attr(s, 'data-src')), 'html5', title);
        break;
      }
      case 'iframe':
      case 'embed':
      case 'object': {
        const src = ctx.urls.resolve(attr(el, 'src') || attr(el, 'data-src') || attr(el, 'data') || attr(el, 'data-lazy-src'));
        if (src) add(src, videoKind(src), cleanText(attr(el, 'title')));
        break;
      }
      case 'param':
        if (/^(movie|src|url)$/i.test(attr(el, 'name'))) {
          const src = ctx.urls.resolve(attr(el, 'value'));
          if (src) add(src, videoKind(src), '');
        }
        break;
      case 'a': {
        const src = ctx.urls.resolve(el.attribs.href);
        if (src && VIDEO_EXTS.has(fileExtension(src))) add(src, 'file', linkLabel(el));
        break;
      }
    }
  }
  return [...out.values()];
}

// ───────────── audio ─────────────

const AUDIO_EXTS = new Set(['mp3', 'm4a', 'ogg', 'oga', 'wav', 'wma', 'aac', 'flac']);
const MUSIC_EMBED = /(^|\.)(soundcloud\.com|zingmp3\.vn|nhaccuatui\.com|spotify\.com|mp3\.zing\.vn)$/;

/** Songs for III.5 Nhạc: <audio> players, links to sound files, music-site embeds. */
export function extractAudio(ctx: PageContext): AudioFact[] {
  const out = new Map<string, AudioFact>();
  const add = (src: string | null, kind: AudioFact['kind'], title: string) => {
    if (!src || out.has(src)) return;
    out.set(src, title ? { kind, src, title } : { kind, src });
  };
  for (const el of ctx.dom.els) {
    switch (el.name) {
      case 'audio': {
        const title = cleanText(attr(el, 'title'));
        add(ctx.urls.resolve(attr(el, 'src') || attr(el, 'data-src')), 'html5', title);
        for (const s of ctx.dom.find(el, 'source')) add(ctx.urls.resolve(attr(s, 'src') || attr(s, 'data-src')), 'html5', title);
        break;
      }
      case 'iframe':
      case 'embed': {
        const src = ctx.urls.resolve(attr(el, 'src') || attr(el, 'data-src'));
        if (!src) break;
        let host = '';
        try {
          host = new URL(src).hostname.toLowerCase();
        } catch {
          break;
        }
        if (MUSIC_EMBED.test(host)) add(src, 'embed', cleanText(attr(el, 'title')));
        else if (AUDIO_EXTS.has(fileExtension(src))) add(src, 'file', cleanText(attr(el, 'title')));
        break;
      }
      case 'a': {
        const src = ctx.urls.resolve(el.attribs.href);
        if (src && AUDIO_EXTS.has(fileExtension(src))) add(src, 'file', linkLabel(el));
        break;
      }
    }
  }
  return [...out.values()];
}

// ───────────── attachments ─────────────

const GENERIC_LABEL = /^(tai ve|tai file|tai xuong|download|xem|xem file|tai ve tai day|tai day|click|bam vao day|file dinh kem|tep dinh kem|dinh kem|chi tiet)$/;

function isQiAttachmentBox(ctx: PageContext, el: El): boolean {
  return ctx.dom.classes(el).includes('qi-tep-dinhkem');
}

export function extractAttachments(ctx: PageContext): AttachmentFact[] {
  const out = new Map<string, AttachmentFact>();
  const add = (file: string | null, label: string, viewerUrl?: string, extHint?: string) => {
    if (!file) return;
    let ext = fileExtension(file);
    if (!ext || (!DOCUMENT_EXTS.has(ext) && !IMAGE_EXTS.has(ext))) {
      const fromLabel = /\.([a-z0-9]{2,5})\s*$/i.exec(label)?.[1]?.toLowerCase();
      ext = extHint || (fromLabel && DOCUMENT_EXTS.has(fromLabel) ? fromLabel : ext);
    }
    const clean = cleanText(label);
    const prev = out.get(file);
    if (!prev) {
      const a: AttachmentFact = { url: file, label: clean || fileName(file), ext };
      if (viewerUrl) a.viewerUrl = viewerUrl;
      out.set(file, a);
      return;
    }
    if (viewerUrl && !prev.viewerUrl) prev.viewerUrl = viewerUrl;
    if (clean && (prev.label === fileName(file) || GENERIC_LABEL.test(normaliseVi(prev.label))) && !GENERIC_LABEL.test(normaliseVi(clean))) prev.label = clean;
    if (!prev.ext && ext) prev.ext = ext;
  };

  const qiBoxes = new Set<El>();
  for (const el of ctx.dom.els) {
    const onclick = el.attribs.onclick;
    if (onclick) for (const p of downloadFileTargets(onclick)) add(ctx.urls.resolve(p), el.name === 'a' ? linkLabel(el) : textOf(el));
    switch (el.name) {
      case 'a': {
        const url = ctx.urls.resolve(el.attribs.href);
        if (!url) break;
        const viewer = viewerTarget(url);
        if (viewer) add(viewer.file, linkLabel(el), undefined, viewer.ext);
        else if (DOCUMENT_EXTS.has(fileExtension(url))) add(url, linkLabel(el));
        else if (closest(el, (e) => isQiAttachmentBox(ctx, e), 6)) add(url, linkLabel(el));
        break;
      }
      case 'iframe':
      case 'embed':
      case 'object': {
        const raw = attr(el, 'src') || attr(el, 'data-src') || attr(el, 'data');
        const src = ctx.urls.resolve(raw);
        if (!src) break;
        const viewer = viewerTarget(src);
        if (viewer) add(viewer.file, '', src, viewer.ext);
        else if (DOCUMENT_EXTS.has(fileExtension(src))) add(src, '', src);
        break;
      }
      case 'div':
        if (isQiAttachmentBox(ctx, el)) qiBoxes.add(el);
        break;
    }
  }
  // QI puts meal photos and menus as images inside the attachment block.
  for (const box of qiBoxes) {
    for (const img of ctx.dom.find(box, 'img')) {
      const src = ctx.urls.resolve(attr(img, 'src') || attr(img, 'data-src'));
      if (src && IMAGE_EXTS.has(fileExtension(src)) && !/icondownload|icon/i.test(src)) add(src, attr(img, 'alt'));
    }
  }
  return [...out.values()];
}

/**
 * Bytes → HTML text, the way a browser picks the charset: a byte-order mark, then the
 * Content-Type header, then `<meta charset>` / `http-equiv` in the first 2 KB, else UTF-8.
 * Old Vietnamese portals still serve windows-1258, which decodes to base letters plus combining
 * tone marks, so the result is always NFC.
 */
import { TextDecoder } from 'node:util';

const META_SCAN_BYTES = 2048;

export function charsetFromContentType(contentType: string): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m?.[1]?.toLowerCase();
}

/** `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_SCAN_BYTES)).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct?.[1]) return direct[1].toLowerCase();
  }
  return undefined;
}

function charsetFromBom(bytes: Uint8Array): { charset: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return undefined;
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // unknown labels ("vni", "tcvn3": font tricks, not charsets) fall through
  }
}

export interface DecodedHtml {
  html: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "windows-1258". */
  charset: string;
}

export function decodeHtml(bytes: Uint8Array, contentType: string): DecodedHtml {
  const bom = charsetFromBom(bytes);
  let decoder: TextDecoder | undefined;
  let body = bytes;
  if (bom) {
    decoder = new TextDecoder(bom.charset);
    body = bytes.subarray(bom.skip);
  } else {
    decoder = decoderFor(charsetFromContentType(contentType));
    // A meta tag cannot honestly declare UTF-16 (the scan read it as ASCII): browsers use UTF-8 then.
    if (!decoder) {
      const meta = decoderFor(charsetFromMeta(bytes));
      decoder = meta && !meta.encoding.startsWith('utf-16') ? meta : undefined;
    }
    decoder ??= new TextDecoder('utf-8');
  }
  return { html: decoder.decode(body).normalize('NFC'), charset: decoder.encoding };
}

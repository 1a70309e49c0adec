/**
 * Attachments and pictures of the fixture portals, made on the fly so the repository holds no
 * binaries: a one-page PDF, a PNG and a baseline JPEG of one solid colour. Small, but valid files
 * (a crawler that sniffs magic bytes or a viewer that opens them sees the real thing).
 */
import { deflateSync } from 'node:zlib';
import { normaliseVi } from '../normalise.js';

export const STATIC_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

/** Lower-case extension of a URL path, without the dot ('' when none). */
export function extensionOf(pathname: string): string {
  const last = pathname.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

/** A stable colour per path, so thumbnails differ from each other. */
function colourOf(seed: string): [number, number, number] {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  return [64 + (h & 0x7f), 64 + ((h >> 8) & 0x7f), 64 + ((h >> 16) & 0x7f)];
}

/** A one-page PDF 1.4 showing `title` (ASCII-folded: the standard fonts have no Vietnamese). */
export function makePdf(title: string): Buffer {
  const text = normaliseVi(title).toUpperCase().slice(0, 80).replace(/[()\\]/g, ' ') || 'TAI LIEU';
  const stream = `BT /F1 14 Tf 56 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

let crcTable: Uint32Array | undefined;
function crc32(buf: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

/** A solid-colour RGB PNG. */
export function makePng(seed: string, width = 64, height = 48): Buffer {
  const [r, g, b] = colourOf(seed);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The standard luminance DC Huffman table (JPEG Annex K.3): code lengths 1–16, then symbols. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Canonical Huffman codes of a DHT table: symbol → [code, length]. */
function huffmanCodes(bits: number[], symbols: number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]!; i++) codes.set(symbols[k++]!, [code++, len]);
    code <<= 1;
  }
  return codes;
}

/**
 * A solid-colour baseline JPEG (YCbCr, no subsampling). Every 8×8 block of a flat image has only
 * a DC coefficient, so the AC table needs one symbol: end-of-block.
 */
export function makeJpeg(seed: string, width = 64, height = 48): Buffer {
  const [r, g, b] = colourOf(seed);
  const ycc = [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ];
  // With an all-ones quantisation table the DC value of a flat block is 8 × (sample − 128).
  const dc = ycc.map((v) => Math.round(8 * (Math.min(255, Math.max(0, v)) - 128)));
  const dcCodes = huffmanCodes(DC_BITS, DC_SYMBOLS);
  const bytes: number[] = [];
  let acc = 0;
  let nbits = 0;
  const putBits = (value: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      if (++nbits === 8) {
        bytes.push(acc);
        if (acc === 0xff) bytes.push(0x00); // byte stuffing
        acc = 0;
        nbits = 0;
      }
    }
  };
  const putDc = (diff: number) => {
    const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
    const [code, len] = dcCodes.get(size)!;
    putBits(code, len);
    if (size > 0) putBits(diff > 0 ? diff : diff + (1 << size) - 1, size);
    putBits(0, 1); // end of block: the only AC symbol, code "0"
  };
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let i = 0; i < blocks; i++) for (let c = 0; c < 3; c++) putDc(i === 0 ? dc[c]! : 0);
  if (nbits > 0) putBits(0x7f, 8 - nbits); // pad with one-bits
  const seg = (marker: number, data: number[]) => [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data];
  const dht = (cls: number, bits: number[], symbols: number[]) => seg(0xc4, [cls, ...bits, ...symbols]);
  return Buffer.from([
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF
    ...seg(0xdb, [0, ...new Array<number>(64).fill(1)]), // quantisation table 0: all ones
    ...seg(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...dht(0x00, DC_BITS, DC_SYMBOLS),
    ...dht(0x10, [1, ...new Array<number>(15).fill(0)], [0x00]),
    ...seg(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...bytes,
    0xff, 0xd9,
  ]);
}

/** A one-pixel transparent GIF (old portals still use spacer GIFs). */
export function makeGif(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
}

/** The bytes of a generated static file, by extension; undefined when we make no such file. */
export function makeStaticFile(pathname: string, title?: string): Buffer | undefined {
  switch (extensionOf(pathname)) {
    case 'pdf':
      return makePdf(title ?? decodeURIComponent(pathname.split('/').pop() ?? '').replace(/\.pdf$/i, ''));
    case 'png':
      return makePng(pathname);
    case 'jpg':
    case 'jpeg':
      return makeJpeg(pathname);
    case 'gif':
      return makeGif();
    default:
      return undefined;
  }
}

import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { makeJpeg, makePdf, makePng, makeStaticFile } from '../../src/demo/static-files.js';

describe('generated attachments and pictures', () => {
  it('makes a PDF whose cross-reference table points at its objects', () => {
    const pdf = makePdf('Kế hoạch số 215/KH-THCSSH').toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toContain('(KE HOACH SO 215 KH THCSSH)');
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((off, i) => expect(pdf.slice(off, off + 7)).toBe(`${i + 1} 0 obj`));
  });

  it('makes a PNG with valid chunks and pixel data', () => {
    const png = makePng('/upload/a.png', 16, 8);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(16); // IHDR width
    expect(png.readUInt32BE(20)).toBe(8); // IHDR height
    const idatLen = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLen)).length).toBe(8 * (1 + 16 * 3));
    expect(png.subarray(png.length - 8, png.length - 4).toString('ascii')).toBe('IEND');
  });

  it('makes a baseline JPEG with its markers in order', () => {
    const jpg = makeJpeg('/upload/a.jpg', 40, 24);
    expect([...jpg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...jpg.subarray(-2)]).toEqual([0xff, 0xd9]);
    const markers: number[] = [];
    let i = 2;
    while (i < jpg.length && jpg[i] === 0xff && jpg[i + 1] !== 0xda) {
      markers.push(jpg[i + 1]!);
      i += 2 + jpg.readUInt16BE(i + 2);
    }
    expect(markers).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xc4]); // APP0, DQT, SOF0, DHT ×2, then SOS
    const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
    expect(jpg.readUInt16BE(sof + 5)).toBe(24);
    expect(jpg.readUInt16BE(sof + 7)).toBe(40);
  });

  it('chooses the file by extension and makes nothing for other paths', () => {
    expect(makeStaticFile('/f/a.PDF')!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(makeStaticFile('/f/a.gif')!.subarray(0, 6).toString()).toBe('GIF89a');
    expect(makeStaticFile('/f/a.docx')).toBeUndefined();
  });
});

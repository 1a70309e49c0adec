import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeWindows1258 } from '../../src/demo/cp1258.js';

const decode = (b: Buffer) => new TextDecoder('windows-1258').decode(b).normalize('NFC');

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
/** Every Vietnamese letter, lower and upper case, precomposed (NFC). */
const LETTERS = [
  ...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))),
  ...'bcdđghklmnpqrstvx'.split(''),
].flatMap((l) => [l, l.toUpperCase()]);

describe('windows-1258 encoder', () => {
  it('has all 134 toned vowels and đ in both cases', () => {
    expect(new Set(LETTERS).size).toBe(2 * (12 * 6 + 17));
  });

  it('round-trips every Vietnamese letter through TextDecoder + NFC', () => {
    for (const letter of LETTERS) expect(decode(encodeWindows1258(letter)), letter).toBe(letter);
  });

  it('round-trips text typed in decomposed form ("Unicode tổ hợp")', () => {
    const nfd = 'GIỚI THIỆU CHUNG – Trường Tiểu học Hoa Ban'.normalize('NFD');
    expect(decode(encodeWindows1258(nfd))).toBe(nfd.normalize('NFC'));
  });

  it('writes a letter the code page lacks as base byte + tone byte', () => {
    expect([...encodeWindows1258('ấ')]).toEqual([0xe2, 0xec]); // â + combining acute
    expect([...encodeWindows1258('ệ')]).toEqual([0xea, 0xf2]); // ê + combining dot below
    expect([...encodeWindows1258('Ư')]).toEqual([0xdd]);
    expect([...encodeWindows1258('đ')]).toEqual([0xf0]);
    expect([...encodeWindows1258('á')]).toEqual([0xe1]); // precomposed in the code page
  });

  it('turns characters outside the code page into HTML character references', () => {
    expect(encodeWindows1258('🎉 中').toString('latin1')).toBe('&#x1F389; &#x4E2D;');
  });

  it('round-trips any mix of Vietnamese letters, ASCII and punctuation', () => {
    const alphabet = fc.constantFrom(...LETTERS, ' ', ',', '.', '-', '0', '9', '(', ')', '/', '“', '”', '–');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(decode(encodeWindows1258(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Encodes Vietnamese text as windows-1258 bytes for tests. The byte table is derived from Node's
 * own decoder over 0–255 (not typed by hand). windows-1258 has precomposed letters only for
 * some vowels (ư, ơ, â, ê, ô, ă, đ …) and writes tone marks as separate combining bytes, so a
 * letter such as "ờ" becomes "ơ" + combining grave.
 */
import { TextDecoder } from 'node:util';

const byteOf = new Map<string, number>();
const decoder = new TextDecoder('windows-1258');
for (let b = 0; b < 256; b++) {
  const ch = decoder.decode(Uint8Array.of(b));
  if (ch !== '\uFFFD' && !byteOf.has(ch)) byteOf.set(ch, b);
}

export function encodeWindows1258(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = byteOf.get(ch);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    // a precomposed vowel (base + one of its marks: "ệ" is ê + dot below), then the other marks
    const [base = '', ...marks] = [...ch.normalize('NFD')];
    const i = marks.findIndex((m) => byteOf.has((base + m).normalize('NFC')));
    const head = i >= 0 ? (base + marks[i]).normalize('NFC') : base;
    const rest = i >= 0 ? marks.filter((_, j) => j !== i) : marks;
    for (const part of [head, ...rest]) {
      const b = byteOf.get(part);
      if (b === undefined) throw new Error(`cannot encode ${JSON.stringify(ch)} in windows-1258`);
      bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

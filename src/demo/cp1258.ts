/**
 * A small windows-1258 encoder (Node has the decoder, not the encoder). Windows-1258 has the
 * Vietnamese base letters (Ă Â Ê Ô Ơ Ư Đ …) and the five tone marks as combining bytes, but only a
 * few precomposed toned letters; a letter it lacks is written as base byte + tone byte, the way
 * old Vietnamese Windows pages were. Characters outside the code page become HTML character
 * references, as a browser would send them.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

let table: Map<string, number> | undefined;

/** Unicode character → byte, built from the platform's own decoder so the two always agree. */
function byteTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder('windows-1258');
  const m = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch.length === 1 && ch !== '\uFFFD' && !m.has(ch)) m.set(ch, b);
  }
  table = m;
  return m;
}

/** Encodes one letter with its combining marks (a "cluster"), in whatever normal form it came. */
function encodeCluster(cluster: string, out: number[], t: Map<string, number>): void {
  const nfc = cluster.normalize('NFC');
  const direct = t.get(nfc);
  if (direct !== undefined) {
    out.push(direct);
    return;
  }
  // Split off the tone mark, recompose the rest (ấ → â + U+0301) and encode both.
  const nfd = nfc.normalize('NFD');
  const tone = TONE_MARKS.exec(nfd)?.[0];
  const base = (tone ? nfd.replace(tone, '') : nfd).normalize('NFC');
  const bytes: number[] = [];
  for (const c of [...base, ...(tone ? [tone] : [])]) {
    const b = t.get(c);
    if (b === undefined) {
      for (const ch of nfc) for (const r of `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`) out.push(r.charCodeAt(0));
      return;
    }
    bytes.push(b);
  }
  out.push(...bytes);
}

/** Encodes text as windows-1258 bytes. Decoding with TextDecoder('windows-1258') + NFC gives it back. */
export function encodeWindows1258(text: string): Buffer {
  const t = byteTable();
  const out: number[] = [];
  for (const m of text.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) encodeCluster(m[0], out, t);
  return Buffer.from(out);
}

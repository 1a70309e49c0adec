/**
 * Vietnamese text, compared in one way everywhere: school staff type decomposed Unicode
 * ("Unicode tổ hợp"), mix cases and spaces, so raw strings are never compared.
 */

/** NFC, no-break and zero-width spaces folded, whitespace collapsed, trimmed. Keeps case and diacritics. */
export function cleanText(s: string): string {
  return foldSpaces(s.normalize('NFC').replace(/[\u200B-\u200D\uFEFF]/g, '')).trim();
}

/**
 * Every run of whitespace (no-break space included: it is in `\s`) as one space. Only the runs that
 * change are matched — a single plain space is left alone — which halves the cost on page text.
 */
export function foldSpaces(s: string): string {
  return s.replace(/ \s+|[^\S ]\s*/g, ' ');
}

/**
 * The matching key: lower case, diacritics removed, đ→d, punctuation to spaces, spaces folded.
 * "GIƠ\u0301I THIÊ\u0323U Chung" → "gioi thieu chung".
 */
export function normaliseVi(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A URL path or label as a slug: "Lịch công tác tuần" → "lich-cong-tac-tuan". */
export function slugVi(s: string): string {
  return normaliseVi(s).replace(/ /g, '-');
}

/** Whether `needle` occurs in `haystack` as whole words, both normalised. */
export function containsWords(haystackNorm: string, needleNorm: string): boolean {
  if (!needleNorm) return false;
  return ` ${haystackNorm} `.includes(` ${needleNorm} `);
}

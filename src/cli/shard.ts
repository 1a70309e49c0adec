/**
 * `--shard i/n`: one machine's part of a district's list. A school belongs to shard
 * (FNV-1a 32-bit of its id, as UTF-8) mod n, so every machine, Node version and order of the list
 * puts it in the same shard, and in exactly one.
 */
import { InputError } from '../config/errors.js';

export interface Shard {
  /** 1-based, 1 ≤ index ≤ count. */
  index: number;
  count: number;
}

/** "2/5" → { index: 2, count: 5 }; anything else is bad input. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError(
      `cần dạng i/n với 1 ≤ i ≤ n, ví dụ 2/5 / expected i/n with 1 ≤ i ≤ n, e.g. 2/5, got "${value}"`,
      undefined,
      undefined,
      '--shard',
    );
  }
  return { index, count };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** FNV-1a, 32 bits: tiny, fixed by its definition, the same everywhere. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The 1-based shard a school id belongs to among `count`. */
export function shardOf(id: string, count: number): number {
  return (fnv1a32(id) % count) + 1;
}

export function inShard<T extends { id: string }>(schools: readonly T[], shard: Shard | undefined): T[] {
  return shard ? schools.filter((s) => shardOf(s.id, shard.count) === shard.index) : [...schools];
}

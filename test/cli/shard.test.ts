import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.js';
import { fnv1a32, inShard, parseShard, shardOf } from '../../src/cli/shard.js';

describe('--shard i/n', () => {
  it('reads i/n with 1 ≤ i ≤ n and refuses anything else as bad input', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(parseShard(undefined)).toBeUndefined();
    for (const bad of ['0/3', '4/3', '1/0', '3', 'a/b', '1.5/3', '-1/3', ''])
      expect(() => parseShard(bad), bad).toThrow(InputError);
    expect(() => parseShard('0/3')).toThrow(/1 ≤ i ≤ n/);
  });

  it('hashes ids with FNV-1a 32-bit, the same on every machine', () => {
    // Reference values of the FNV-1a definition.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // Fixed ids land in fixed shards: a change here would move schools between machines.
    expect(['thcs-gia-thuy', 'th-ai-mo', 'mn-hoa-sua', 'trường-việt'].map((id) => shardOf(id, 4))).toEqual([3, 2, 2, 1]);
    expect(fnv1a32('thcs-gia-thuy')).toBe(3820580726);
  });

  it('puts every school in exactly one shard, whatever the list and n', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (ids, n) => {
        const schools = ids.map((id) => ({ id }));
        const parts = Array.from({ length: n }, (_, i) => inShard(schools, { index: i + 1, count: n }).map((s) => s.id));
        expect(parts.flat().sort()).toEqual([...ids].sort());
        // and the order of the list is kept within a shard
        for (const p of parts) expect(p).toEqual(ids.filter((id) => p.includes(id)));
      }),
    );
  });

  it('keeps the whole list without --shard', () => {
    expect(inShard([{ id: 'a' }, { id: 'b' }], undefined).map((s) => s.id)).toEqual(['a', 'b']);
  });
});

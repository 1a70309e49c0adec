/**
 * The reviewer's verdicts: every expected.yaml (demo portals, the corpus of other shapes, the copies
 * of real sites) is well formed and names every section of the rule table with a reason, and the
 * comparison counts false failures, false passes and unknowns as `npm run accuracy` prints them.
 */
import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../src/rules/load.js';
import { DEFAULT_INSTANTS, ExpectedSchema, expectedAt, instantsOf, listTargets, outcomeOf, tally, type SectionVerdict } from '../../src/demo/accuracy.js';
import { parseInstant } from '../../src/calendar/time.js';

const targets = listTargets();

describe('the reviewer\'s expected.yaml files', () => {
  it('cover the demo portals, at least nine portals of other shapes and the real-site copies', () => {
    const byKind = (kind: string) => targets.filter((t) => t.kind === kind).map((t) => t.id);
    expect(byKind('fixture').length).toBeGreaterThanOrEqual(6 + 9);
    expect(byKind('copy')).toEqual(['olympia', 'thdinhbang2']);
  });

  it.each(targets.map((t) => [t.id, t] as const))('%s names every section once, with a status and a reason, at valid instants', async (_id, t) => {
    const { pack } = await loadRulePack();
    expect(Object.keys(t.expected.sections).sort()).toEqual(pack.sections.map((s) => s.id).sort());
    const instants = instantsOf(t).map((i) => parseInstant(i).getTime());
    for (const [id, s] of Object.entries(t.expected.sections)) {
      expect((s.because ?? s.reason ?? '').trim().length, `${id} has no reason`).toBeGreaterThan(10);
      // a deliberate fault of a fixture says so; a reviewer's pass never does
      if ((s.because ?? s.reason ?? '').startsWith('FAULT')) expect(['fail', 'warn'], id).toContain(s.status);
      for (const at of Object.keys(s.at ?? {})) expect(instants, `${id}: at ${at} is not one of the instants`).toContain(parseInstant(at).getTime());
    }
  });
});

describe('comparing with the reviewer', () => {
  it('counts a fail where the reviewer says pass, warn or n/a as a false fail, and a pass where a fault is as a false pass', () => {
    expect(outcomeOf('pass', 'pass')).toBe('agree');
    expect(outcomeOf('pass', 'fail')).toBe('false-fail');
    expect(outcomeOf('warn', 'fail')).toBe('false-fail');
    expect(outcomeOf('n/a', 'fail')).toBe('false-fail');
    expect(outcomeOf('unknown', 'fail')).toBe('other');
    expect(outcomeOf('fail', 'pass')).toBe('false-pass');
    expect(outcomeOf('warn', 'pass')).toBe('false-pass');
    expect(outcomeOf('fail', 'unknown')).toBe('unknown');
    expect(outcomeOf('fail', 'warn')).toBe('other');
  });

  it('reads the status an instant overrides, the others staying', () => {
    const e = ExpectedSchema.parse({
      instants: ['2026-10-30T15:00:00+07:00', '2026-10-30T17:00:00+07:00'],
      sections: {
        'lich-cong-tac-tuan': { status: 'fail', because: 'FAULT: next week missing', at: { '2026-10-30T15:00:00+07:00': { status: 'pass', because: 'before the deadline' } } },
        video: { status: 'pass', because: 'a video a month' },
      },
    });
    expect(Object.fromEntries(expectedAt(e, '2026-10-30T08:00:00Z'))).toEqual({
      'lich-cong-tac-tuan': { status: 'pass', because: 'before the deadline' },
      video: { status: 'pass', because: 'a video a month' },
    });
    expect(expectedAt(e, '2026-10-30T17:00:00+07:00').get('lich-cong-tac-tuan')!.status).toBe('fail');
    expect(instantsOf({ id: 'x', kind: 'fixture', dir: '', expected: { sections: {} } })).toEqual(DEFAULT_INSTANTS);
  });

  it('tallies the verdicts', () => {
    const v = (outcome: SectionVerdict['outcome']): SectionVerdict => ({ target: 't', instant: 'i', section: 's', expected: { status: 'pass', because: '' }, got: 'pass', outcome, why: [] });
    expect(tally([v('agree'), v('agree'), v('false-fail'), v('unknown'), v('false-pass'), v('other')])).toEqual({
      verdicts: 6,
      agree: 2,
      falseFail: 1,
      falsePass: 1,
      unknown: 1,
      other: 1,
    });
  });
});

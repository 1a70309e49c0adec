/**
 * The verdicts a reviewer writes, locked: every portal of the corpus (fixtures/corpus: lists without
 * links, cards, document tables, tabs and accordions, single items, a JavaScript app, a marketing
 * site, endless URLs, a late Friday schedule) and the copies of real sites are crawled from
 * 127.0.0.1 and judged at each instant of their expected.yaml; every section must match. The demo
 * portals are held to theirs by test/e2e/fixture-portals.test.ts through the real CLI.
 */
import { describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '../../src/calendar/working-days.js';
import { auditTarget, instantsOf, listTargets } from '../../src/demo/accuracy.js';
import { loadRulePack } from '../../src/rules/load.js';

const targets = listTargets().filter((t) => t.kind === 'copy' || t.dir.endsWith('corpus'));
const calendar = loadWorkingCalendar();

describe.each(targets.map((t) => [t.id, t] as const))('%s', (_id, t) => {
  it.each(instantsOf(t))('gives every section the reviewer\'s verdict at %s', async (instant) => {
    const { verdicts } = await auditTarget(t, instant, { rules: await loadRulePack(), calendar });
    const wrong = verdicts
      .filter((v) => v.outcome !== 'agree')
      .map((v) => `${v.section}: got ${v.got}, reviewer ${v.expected.status} (${v.expected.because}) — ${v.why.join(' / ')}`);
    expect(wrong).toEqual([]);
  }, 600_000);
});

// The accuracy figure: every fixture portal (fixtures/, fixtures/corpus/) and every copy of a real
// site (test/data/real-sites/) audited at every instant of its expected.yaml, each section's status
// compared with the reviewer's. Not a test (the tests lock each expected.yaml): run
// `npm run accuracy [-- --verbose] [-- id …]`. Prints a table; exits 1 when a verdict is a false fail.
import { loadWorkingCalendar } from '../dist/calendar/working-days.js';
import { auditTarget, instantsOf, listTargets, tally } from '../dist/demo/accuracy.js';
import { loadRulePack } from '../dist/rules/load.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('-'));

const rules = await loadRulePack();
const calendar = loadWorkingCalendar();
const targets = listTargets().filter((t) => !only.length || only.includes(t.id));
if (!targets.length) {
  console.error(`no target named ${only.join(', ')}; known: ${listTargets().map((t) => t.id).join(', ')}`);
  process.exit(2);
}

const rows = [];
const all = [];
for (const t of targets) {
  for (const instant of instantsOf(t)) {
    const { verdicts } = await auditTarget(t, instant, { rules, calendar });
    all.push(...verdicts);
    rows.push({ target: t.id, instant, ...tally(verdicts) });
    if (!json) process.stderr.write('.');
  }
}
if (!json) process.stderr.write('\n');

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');
const total = tally(all);
if (json) {
  console.log(JSON.stringify({ total, rows, mismatches: all.filter((v) => v.outcome !== 'agree') }, null, 2));
} else {
  console.log('| portal | instant | verdicts | agree | agreement | false fail | false pass | unknown | other |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.target} | ${r.instant} | ${r.verdicts} | ${r.agree} | ${pct(r.agree, r.verdicts)} | ${r.falseFail} | ${r.falsePass} | ${r.unknown} | ${r.other} |`);
  }
  console.log(`| **all** | ${rows.length} audits | ${total.verdicts} | ${total.agree} | ${pct(total.agree, total.verdicts)} | ${total.falseFail} | ${total.falsePass} | ${total.unknown} | ${total.other} |`);
  const wrong = all.filter((v) => v.outcome !== 'agree');
  if (wrong.length) {
    console.log(`\n${wrong.length} verdict(s) differ from the reviewer's${verbose ? '' : ' (--verbose for the tool\'s reasons)'}:`);
    for (const v of wrong) {
      console.log(`- ${v.target} @ ${v.instant} ${v.section}: got ${v.got}, reviewer ${v.expected.status} [${v.outcome}] — ${v.expected.because}`);
      if (verbose) for (const w of v.why) console.log(`    · ${w}`);
    }
  }
}
process.exit(total.falseFail > 0 ? 1 : 0);

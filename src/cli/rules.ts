/** `portal-audit rules [FILE]`: validate a rule pack and list its sections. */
import { DEFAULT_RULE_PACK, loadRulePack } from '../rules/load.js';
import { EXIT } from './exit-codes.js';

function mandatoryText(m: boolean | { levels: string[]; boarding: boolean }): string {
  if (typeof m === 'boolean') return m ? 'x' : '';
  return [...m.levels, ...(m.boarding ? ['bán trú'] : [])].join('/');
}

export async function rulesCommand(file: string | undefined): Promise<number> {
  const { pack, file: path } = await loadRulePack(file ?? DEFAULT_RULE_PACK);
  const d = pack.document;
  const lines = [
    `${pack.title.vi}`,
    `${pack.title.en}`,
    `Công văn / letter ${d.number} ngày ${d.date.split('-').reverse().join('/')} — ${d.issuer}`,
    `Hạn báo cáo / report due: ${d.reportDeadline.split('-').reverse().join('/')} — ${d.reportEmails.join('; ')}`,
    `Tệp / file: ${path}`,
    '',
  ];
  const rows = pack.sections.map((s) => [s.code, s.id, mandatoryText(s.mandatory), s.label.vi, s.checks.map((c) => c.check).join(', ')]);
  const head = ['Mã', 'id', 'Bắt buộc', 'Chuyên mục / section', 'Kiểm tra / checks'];
  const widths = head.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const fmt = (r: string[]) => r.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join('  ').trimEnd();
  let group = '';
  lines.push(fmt(head), widths.map((w) => '─'.repeat(w)).join('  '));
  for (const [i, s] of pack.sections.entries()) {
    if (s.group !== group) {
      group = s.group;
      const g = pack.groups.find((x) => x.code === group)!;
      lines.push(`${g.code}. ${g.label.vi} / ${g.label.en}`);
    }
    lines.push(fmt(rows[i]!));
  }
  lines.push('', `${pack.sections.length} chuyên mục / sections, ${pack.sections.filter((s) => s.mandatory === true).length} bắt buộc với mọi trường / mandatory for all`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

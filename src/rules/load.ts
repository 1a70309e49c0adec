/**
 * Loading a rule pack: YAML → zod schema → every check's parameters validated against that check's
 * own schema. Any problem is an InputError naming the file, the line and the field (exit code 2).
 */
import { fileURLToPath } from 'node:url';
import { InputError } from '../config/errors.js';
import { fieldPath, lineOf, readYamlWithSchema } from '../config/yaml-file.js';
import { CHECKS } from './registry.js';
import { rulePackSchema, type RulePack } from './schema.js';

/** The bundled default: letter 289/VP-CNTT of Long Biên. Resolved from src/rules or dist/rules. */
export const DEFAULT_RULE_PACK = fileURLToPath(new URL('../../rules/longbien-289-2017.yaml', import.meta.url));

export interface LoadedRulePack {
  pack: RulePack;
  file: string;
  /** Check parameters after their schema's defaults, keyed `${sectionId}/${index}`. */
  params: Map<string, unknown>;
}

export async function loadRulePack(file: string = DEFAULT_RULE_PACK): Promise<LoadedRulePack> {
  const { value: pack, doc, lines } = await readYamlWithSchema(file, rulePackSchema);
  const params = new Map<string, unknown>();
  pack.sections.forEach((section, si) => {
    section.checks.forEach((ref, ci) => {
      const path = ['sections', si, 'checks', ci];
      const check = CHECKS.get(ref.check);
      if (!check) {
        throw new InputError(
          `kiểm tra không tồn tại / unknown check "${ref.check}" (known: ${[...CHECKS.keys()].join(', ')})`,
          file,
          lineOf(doc, lines, [...path, 'check']),
          fieldPath([...path, 'check']),
        );
      }
      const r = check.params.safeParse(ref.params);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        const full = [...path, 'params', ...issue.path];
        const message =
          issue.code === 'unrecognized_keys' ? `tham số không được hỗ trợ / unknown parameter(s): ${issue.keys.join(', ')}` : issue.message;
        throw new InputError(message, file, lineOf(doc, lines, full), fieldPath(full));
      }
      params.set(`${section.id}/${ci}`, r.data);
    });
  });
  return { pack, file, params };
}

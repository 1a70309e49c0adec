/**
 * YAML files validated by a zod schema, with errors that name the file, the line and the field.
 * Shared by schools.yaml, rule packs and calendar files.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError } from './errors.js';

/** `schools[3].level` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Line (1-based) of the node at `path`, or of its nearest existing parent. */
export function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export interface ParsedYaml<T> {
  value: T;
  doc: Document;
  lines: LineCounter;
}

/** Parse YAML text and validate it; throws InputError (file:line field: message). */
export function parseYamlWithSchema<S extends z.ZodType>(
  text: string,
  schema: S,
  file: string,
): ParsedYaml<z.output<S>> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    const first = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(
      `YAML không hợp lệ / invalid YAML: ${first}`,
      file,
      line,
    );
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InputError(issue.message, file, lineOf(doc, lines, issue.path), fieldPath(issue.path) || undefined);
  }
  return { value: result.data, doc, lines };
}

export async function readYamlWithSchema<S extends z.ZodType>(
  file: string,
  schema: S,
): Promise<ParsedYaml<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? 'không tìm thấy tệp / file not found' : `không đọc được tệp / cannot read file (${code ?? e})`,
      file,
    );
  }
  return parseYamlWithSchema(text, schema, file);
}

/**
 * schools.yaml: the list of school portals to audit. Either a plain list of schools or
 * `{ defaults: {...}, schools: [...] }`. Validated before any crawl; the first problem stops the run
 * with file:line and the field.
 */
import { z } from 'zod';
import { SCHOOL_LEVELS, type SchoolConfig } from '../types.js';
import { InputError } from './errors.js';
import { fieldPath, lineOf, readYamlWithSchema, parseYamlWithSchema, type ParsedYaml } from './yaml-file.js';

const httpUrl = z
  .string({ error: 'thiếu địa chỉ / missing URL' })
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, { error: (iss) => `địa chỉ không hợp lệ / not an http(s) URL: ${JSON.stringify(iss.input)}` });

const level = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.enum(SCHOOL_LEVELS, {
    error: (iss) =>
      iss.input === undefined
        ? `thiếu cấp học / missing level (one of ${SCHOOL_LEVELS.join(', ')})`
        : `cấp học không hợp lệ / unknown level ${JSON.stringify(iss.input)} (expected one of ${SCHOOL_LEVELS.join(', ')})`,
  }),
);

const overrides = {
  startUrls: z.array(httpUrl).default([]),
  maxPages: z.number().int().min(1).max(100_000).optional(),
  maxDepth: z.number().int().min(0).max(50).optional(),
  render: z.enum(['auto', 'never', 'always']).optional(),
  sectionUrls: z.record(z.string(), z.union([httpUrl, z.array(httpUrl)])).default({}),
  tickerMessage: z.string().trim().min(1).optional(),
};

const schoolSchema = z
  .object({
    id: z
      .string({ error: 'thiếu mã trường / missing id' })
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, {
        error: 'mã trường chỉ gồm chữ không dấu, số, "-", "_", "." / id may hold only letters a-z, digits, "-", "_" and "."',
      }),
    name: z.string({ error: 'thiếu tên trường / missing name' }).trim().min(1, { error: 'thiếu tên trường / missing name' }),
    url: httpUrl,
    level,
    boarding: z.boolean({ error: 'boarding phải là true/false / boarding must be true or false' }).default(false),
    ...overrides,
  })
  .strict();

const defaultsSchema = z
  .object({
    level: level.optional(),
    boarding: z.boolean().optional(),
    maxPages: overrides.maxPages,
    maxDepth: overrides.maxDepth,
    render: overrides.render,
    tickerMessage: overrides.tickerMessage,
  })
  .strict();

const fileSchema = z.union(
  [
    z.array(z.unknown()),
    z.object({ defaults: defaultsSchema.optional(), schools: z.array(z.unknown()) }).strict(),
  ],
  { error: 'cần một danh sách trường hoặc "schools:" / expected a list of schools or a "schools:" key' },
);

export interface LoadSchoolsOptions {
  /** Known section ids of the rule pack: `sectionUrls` keys are checked against them. */
  sectionIds?: readonly string[];
}

/** Validate a parsed schools document; throws InputError naming file, line and field. */
function validateSchools(parsed: ParsedYaml<z.output<typeof fileSchema>>, file: string, opts: LoadSchoolsOptions): SchoolConfig[] {
  const { value, doc, lines } = parsed;
  const list = Array.isArray(value) ? value : value.schools;
  const defaults = Array.isArray(value) ? {} : (value.defaults ?? {});
  const prefix: (string | number)[] = Array.isArray(value) ? [] : ['schools'];
  if (list.length === 0) throw new InputError('danh sách trường trống / the list of schools is empty', file, 1);

  const seen = new Map<string, number>();
  const schools: SchoolConfig[] = [];
  list.forEach((raw, i) => {
    const path = [...prefix, i];
    const merged = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...defaults, ...(raw as object) } : raw;
    const r = schoolSchema.safeParse(merged);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const full = [...path, ...issue.path];
      const message =
        issue.code === 'unrecognized_keys'
          ? `trường không được hỗ trợ / unknown field(s): ${issue.keys.join(', ')}`
          : issue.code === 'invalid_type' && issue.path.length === 0
            ? 'mỗi trường phải là một bảng khóa: giá trị / each school must be a mapping of key: value'
            : issue.message;
      throw new InputError(message, file, lineOf(doc, lines, full), fieldPath(full));
    }
    const s = r.data;
    const firstLine = seen.get(s.id.toLowerCase());
    if (firstLine !== undefined) {
      throw new InputError(
        `mã trường "${s.id}" bị trùng (đã dùng ở dòng ${firstLine}) / duplicate id "${s.id}" (first used on line ${firstLine})`,
        file,
        lineOf(doc, lines, [...path, 'id']),
        fieldPath([...path, 'id']),
      );
    }
    seen.set(s.id.toLowerCase(), lineOf(doc, lines, [...path, 'id']) ?? 0);
    const sectionUrls: Record<string, string[]> = {};
    for (const [section, urls] of Object.entries(s.sectionUrls)) {
      if (opts.sectionIds && !opts.sectionIds.includes(section)) {
        throw new InputError(
          `mã chuyên mục không có trong bộ quy tắc / unknown section id "${section}" (known: ${opts.sectionIds.join(', ')})`,
          file,
          lineOf(doc, lines, [...path, 'sectionUrls', section]),
          fieldPath([...path, 'sectionUrls', section]),
        );
      }
      sectionUrls[section] = Array.isArray(urls) ? urls : [urls];
    }
    schools.push({
      id: s.id,
      name: s.name,
      url: s.url,
      level: s.level,
      boarding: s.boarding,
      startUrls: s.startUrls,
      sectionUrls,
      ...(s.maxPages !== undefined && { maxPages: s.maxPages }),
      ...(s.maxDepth !== undefined && { maxDepth: s.maxDepth }),
      ...(s.render !== undefined && { render: s.render }),
      ...(s.tickerMessage !== undefined && { tickerMessage: s.tickerMessage }),
    });
  });
  return schools;
}

export async function loadSchools(file: string, opts: LoadSchoolsOptions = {}): Promise<SchoolConfig[]> {
  return validateSchools(await readYamlWithSchema(file, fileSchema), file, opts);
}

export function parseSchools(text: string, file: string, opts: LoadSchoolsOptions = {}): SchoolConfig[] {
  return validateSchools(parseYamlWithSchema(text, fileSchema, file), file, opts);
}

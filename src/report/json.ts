/**
 * results.json: the machine-readable contract (SPEC "Outputs"). Keys are stable API: SPEC's keys come
 * first, in SPEC's order, then every other field of the results (new fields pass through untouched).
 */
import type { AuditResults, SchoolResult, SectionResult } from '../types.js';

/** A copy of `obj` whose keys start with `first`, in that order, followed by the others. */
function ordered<T extends object>(obj: T, first: readonly (keyof T)[], replace: Partial<Record<keyof T, unknown>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in obj) out[k as string] = obj[k];
  for (const k of Object.keys(obj) as (keyof T)[]) if (!(k in out)) out[k as string] = obj[k];
  for (const k of Object.keys(replace)) out[k] = replace[k as keyof T];
  return out;
}

const FINDING_KEYS = ['check', 'status', 'message', 'evidence'] as const;
const SECTION_KEYS = ['id', 'code', 'title', 'mandatory', 'status', 'pages', 'latestDate', 'findings'] as const;
const SCHOOL_KEYS = ['id', 'name', 'url', 'level', 'reachable', 'error', 'pagesCrawled', 'sections', 'summary'] as const;
const ROOT_KEYS = ['tool', 'rulePack', 'asOf', 'schools'] as const;

function section(s: SectionResult) {
  return ordered(s, SECTION_KEYS, { findings: s.findings.map((f) => ordered(f, FINDING_KEYS)) });
}

function school(s: SchoolResult) {
  return ordered(s, SCHOOL_KEYS, { sections: s.sections.map(section) });
}

/** The results.json document, 2-space indented, ending with a newline. */
export function resultsJson(results: AuditResults): string {
  return `${JSON.stringify(ordered(results, ROOT_KEYS, { schools: results.schools.map(school) }), null, 2)}\n`;
}

/** Stands for the schools array while the rest of the document is laid out; JSON escapes the NULs, so no value can look like it. */
const SCHOOLS_SLOT = '\u0000schools\u0000';
const SCHOOLS_SLOT_JSON = JSON.stringify(SCHOOLS_SLOT);

/**
 * results.json in pieces, byte for byte as `resultsJson` writes it, so it can be written a school at
 * a time: `head`, then `school(s, i)` for each of the `count` schools in order, then `tail`.
 */
export function resultsJsonParts(root: Omit<AuditResults, 'schools'>, count: number) {
  const frame = JSON.stringify(ordered({ ...root, schools: [] as SchoolResult[] }, ROOT_KEYS, { schools: SCHOOLS_SLOT }), null, 2);
  const at = frame.indexOf(SCHOOLS_SLOT_JSON);
  return {
    head: frame.slice(0, at),
    // An element of the root's array sits two levels deep: every line of it indented by four spaces.
    school: (s: SchoolResult, i: number) => `${i ? ',\n    ' : '[\n    '}${JSON.stringify(school(s), null, 2).replace(/\n/g, '\n    ')}`,
    tail: `${count ? '\n  ]' : '[]'}${frame.slice(at + SCHOOLS_SLOT_JSON.length)}\n`,
  };
}

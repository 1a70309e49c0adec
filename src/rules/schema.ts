/**
 * The rule pack: a regulation's table of mandatory sections as data (SPEC "Rule packs").
 * A new district or regulation is a new YAML file validated by this schema, not new code.
 */
import { z } from 'zod';
import { SCHOOL_LEVELS } from '../types.js';

const text = z.string().trim().min(1);
export const bilingualSchema = z.object({ vi: text, en: text }).strict();

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'expected MM-DD, e.g. 09-05' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected YYYY-MM-DD' });

/** Who must have a section: everyone, nobody (optional), or some levels and/or boarding schools. */
export const mandatorySchema = z.union([
  z.boolean(),
  z
    .object({
      levels: z.array(z.enum(SCHOOL_LEVELS)).default([]),
      boarding: z.boolean().default(false),
    })
    .strict(),
]);

export const checkRefSchema = z
  .object({
    check: z.string().regex(/^[a-z][a-z0-9-]*$/),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** What the section looks like on a page: decides what "empty" means and how items are gathered. */
export const SECTION_KINDS = ['article', 'articles', 'documents', 'table', 'album', 'video', 'audio', 'home-list', 'ticker', 'custom'] as const;

export const sectionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'section id: lower-case letters, digits and "-"' }),
    code: text,
    group: text,
    label: bilingualSchema,
    display: bilingualSchema,
    kind: z.enum(SECTION_KINDS),
    mandatory: mandatorySchema,
    /** "Yêu cầu về nội dung" column of the letter. */
    content: bilingualSchema,
    /** "Các yêu cầu khác (tần suất, thời gian cập nhật...)" column. */
    other: bilingualSchema.optional(),
    /** Menu, breadcrumb and heading labels that name the section (matched after normalisation). */
    labels: z.array(text).default([]),
    /** Labels too generic to decide alone ("Văn bản"): they count, with less weight. */
    weakLabels: z.array(text).default([]),
    /** Labels that rule the section out ("Tin tức từ phòng" is not "Hoạt động chung"). */
    notLabels: z.array(text).default([]),
    /** URL path fragments ("lich-cong-tac", "thuc-don"). */
    slugs: z.array(text).default([]),
    /** For school-made sections: labels of the menu parents they sit under ("Góc học sinh"). */
    customParents: z.array(text).default([]),
    checks: z.array(checkRefSchema).default([]),
    remediation: bilingualSchema,
    /** Days the school gets to fix a failure, shown as "Thời hạn" in the report. */
    fixWithinDays: z.number().int().min(0).optional(),
  })
  .strict();

export const rulePackSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: bilingualSchema,
    document: z
      .object({
        number: text,
        date: isoDate,
        issuer: text,
        place: text,
        subject: text,
        /** Title of the report the schools send back. */
        reportTitle: text,
        /** The report is due by this day (MM-DD) of the audit's year or this date. */
        reportDeadline: z.union([isoDate, monthDay]),
        recipients: z.array(text).min(1),
        reportEmails: z.array(z.email()).default([]),
        /** Unit that signs the covering letter ("Văn phòng HĐND&UBND quận"). */
        unit: text,
        /** The schools' governing office, above the school's name in its report ("Phòng GD&ĐT quận …"). */
        schoolAuthority: text.optional(),
      })
      .strict(),
    settings: z
      .object({
        timezone: z.literal('Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
        schoolYear: z
          .object({ start: monthDay.default('09-05'), semester2Start: monthDay.default('01-15') })
          .strict()
          .default({ start: '09-05', semester2Start: '01-15' }),
        weeklyDeadline: z
          .object({
            weekday: z.number().int().min(1).max(7).default(5),
            time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('16:00'),
            /** When the deadline day is a holiday, move it to the working day before (default: no). */
            moveBeforeHoliday: z.boolean().default(false),
          })
          .strict()
          .default({ weekday: 5, time: '16:00', moveBeforeHoliday: false }),
        /** General rule "not stale": a section whose newest item is older → warn. */
        staleAfterMonths: z.number().int().min(1).default(6),
        /** Text the district asked every ticker to carry (schools.yaml may override per school). */
        tickerMessage: z.string().optional(),
        /** Menu labels that are never sections (home, contact, site map, login …). */
        ignoreLabels: z.array(text).default([]),
      })
      .strict(),
    groups: z.array(z.object({ code: text, label: bilingualSchema }).strict()).min(1),
    sections: z.array(sectionSchema).min(1),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const groups = new Set(pack.groups.map((g) => g.code));
    const ids = new Set<string>();
    pack.sections.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'id'], message: `duplicate section id "${s.id}"` });
      ids.add(s.id);
      if (!groups.has(s.group))
        ctx.addIssue({ code: 'custom', path: ['sections', i, 'group'], message: `unknown group "${s.group}" (groups: ${[...groups].join(', ')})` });
    });
  });

export type RulePack = z.output<typeof rulePackSchema>;
export type RuleSection = z.output<typeof sectionSchema>;
export type CheckRef = z.output<typeof checkRefSchema>;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** The registry of checks a rule pack can name. A new kind of check is a module in src/checks/ listed here. */
import type { Check } from '../checks/check.js';
import { customSections } from '../checks/custom-sections.js';
import { currentYearDocuments, documentsCheck, documentTimeliness, expiredDocuments } from '../checks/documents.js';
import { eventTimeliness } from '../checks/event-timeliness.js';
import { freshness, minCount, schoolYearFreshness } from '../checks/freshness.js';
import { homeColumn, ticker } from '../checks/home-page.js';
import { annualReview, intro } from '../checks/intro.js';
import { itemFields } from '../checks/item-fields.js';
import { layout } from '../checks/layout.js';
import { albums, monthlyCoverage, videos } from '../checks/media.js';
import { presence } from '../checks/presence.js';
import { staff } from '../checks/staff.js';
import { timetable } from '../checks/timetable.js';
import { weeklySchedule } from '../checks/weekly-schedule.js';

const all: Check[] = [
  presence,
  freshness,
  schoolYearFreshness,
  minCount,
  intro,
  annualReview,
  staff,
  itemFields,
  albums,
  videos,
  monthlyCoverage,
  homeColumn,
  ticker,
  documentsCheck,
  expiredDocuments,
  currentYearDocuments,
  documentTimeliness,
  eventTimeliness,
  timetable,
  weeklySchedule,
  customSections,
  layout,
] as Check[];

export const CHECKS: ReadonlyMap<string, Check> = new Map(all.map((c) => [c.id, c]));

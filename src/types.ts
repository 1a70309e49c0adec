/**
 * The domain types the stages share. Pipeline:
 *   config → crawl (→ PageFacts) → map (→ SectionEvidence) → judge (→ SchoolResult) → report
 * Everything after `crawl` is a pure function of these data, so a saved crawl (crawl.json)
 * can be judged again at another instant or with another rule pack.
 *
 * Conventions:
 *  - a calendar date is a string `YYYY-MM-DD`, meant in Asia/Ho_Chi_Minh (compare as strings);
 *  - an instant is an ISO 8601 string with offset in JSON, a `Date` in memory;
 *  - every URL is absolute; `PageFacts.url` is the canonical URL (see crawl/url.ts);
 *  - all text is NFC-normalised and whitespace-folded by extraction.
 */

export type Status = 'pass' | 'fail' | 'warn' | 'unknown' | 'n/a';

/** Worst first: the section status is the worst status among its findings. */
export const STATUS_SEVERITY: Record<Status, number> = {
  fail: 4,
  warn: 3,
  unknown: 2,
  pass: 1,
  'n/a': 0,
};

export const SCHOOL_LEVELS = ['MN', 'TH', 'THCS', 'THPT', 'TH-THCS', 'THCS-THPT', 'TH-THCS-THPT'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export type RenderMode = 'auto' | 'never' | 'always';

export interface Bilingual {
  vi: string;
  en: string;
}

// ───────────────────────────── configuration ─────────────────────────────

export interface SchoolConfig {
  id: string;
  name: string;
  /** The portal's home page. */
  url: string;
  level: SchoolLevel;
  /** Bán trú: the school serves lunch, so the menu (Thực đơn) is mandatory. */
  boarding: boolean;
  /** Extra start URLs besides `url` (pages not linked from the menus). */
  startUrls: string[];
  maxPages?: number;
  maxDepth?: number;
  render?: RenderMode;
  /** Sections known to live elsewhere: section id → URLs that hold it (crawled and assigned). */
  sectionUrls: Record<string, string[]>;
  /** Text the scrolling ticker must contain (overrides the rule pack's setting). */
  tickerMessage?: string;
}

// ───────────────────────────── crawl facts ─────────────────────────────

export type DateSource =
  | 'text' // visible text of the page
  | 'time' // <time datetime>
  | 'meta' // <meta property="article:published_time"> and friends
  | 'header' // HTTP Last-Modified
  | 'url' // a date written in the URL or slug
  | 'sitemap'; // <lastmod> in sitemap.xml

export type DateRole = 'published' | 'updated' | 'issued' | 'effective' | 'expires' | 'event' | 'other';

export interface DateFact {
  /** YYYY-MM-DD, day-first parsing. */
  date: string;
  /** HH:mm when the page shows a time. */
  time?: string;
  /** The text the date came from (≤ 160 chars), e.g. "Thứ sáu, 18/9/2026, 20:22 , Lượt đọc : 600". */
  text: string;
  source: DateSource;
  role: DateRole;
  /** The year was not written and came from context (e.g. "(09/10)"). */
  yearInferred?: boolean;
}

export interface LinkFact {
  /** Absolute URL, fragment removed (not canonicalised: the crawler does that). */
  url: string;
  /** Visible text, or title/alt when the link has no text. */
  label: string;
}

export interface NavLinkFact extends LinkFact {
  /** Labels of the enclosing menu items, outermost first ("Tin tức - Sự kiện" for a sub-item). */
  parents: string[];
  /** Where the menu sits. */
  region: 'nav' | 'sidebar' | 'footer';
}

export interface HeadingFact {
  level: 1 | 2 | 3 | 4 | 5 | 6;
  text: string;
}

export interface ListItemFact {
  title: string;
  /** The item's own page, when it links to one (a list of text blocks may not). */
  url?: string;
  /** The date shown with the item, if any: its posting date when one is shown. */
  date?: DateFact;
  /** Every date shown in the item (at most 5), with roles: an issue date beside a posting date. */
  dates?: DateFact[];
  /** Thumbnail or cover image URL. */
  image?: string;
  /** Pictures shown in the item itself (an album shown in place), when more than one. */
  images?: number;
  /** A player shown in the item itself (a video block with its date beside it). */
  video?: VideoFact;
  /** Short teaser text under the title (≤ 300 chars). */
  summary?: string;
  /** All the item shows, as text (≤ 500 chars), when it says more than title and summary ("Môn: Toán", "Khối: 3"). */
  text?: string;
}

/**
 * A repeated block of items: a category list, a home-page column ("Thông báo"), a "Tin liên quan"
 * box, cards, accordion items, a document table. Items are blocks with a title and (usually) a
 * date, with or without a link to a page of their own.
 */
export interface ListFact {
  /** Nearest heading of the block ("Thông báo", "Tin mới", the page's h1 for the main list). */
  heading: string;
  /** Whether the list is the page's main content (not a sidebar, menu or footer block). */
  main: boolean;
  items: ListItemFact[];
  /** The list is the rows of `tables[table]` (read as a table too). */
  table?: number;
}

export interface TableCellFact {
  text: string;
  /** Links of the cell; for a link to a document viewer, the file it shows too. */
  links: string[];
  /** Viewer links of the cell and the file each shows (a "Xem" button to `/xem-tep?f=…pdf`). */
  viewers?: { file: string; viewer: string }[];
}

export interface TableFact {
  /** Heading or caption above the table. */
  caption: string;
  /** Header cells (th, or the first row when it looks like a header). */
  headers: string[];
  rows: TableCellFact[][];
}

export interface ImageFact {
  src: string;
  alt: string;
  /** Inside the main content (not logo, banner, icon or advert). */
  inContent: boolean;
}

export interface VideoFact {
  kind: 'html5' | 'youtube' | 'vimeo' | 'facebook' | 'file' | 'other';
  src: string;
  title?: string;
}

/** A song or recording (III.5 Nhạc): an <audio> player, a sound file link or a music embed. */
export interface AudioFact {
  kind: 'html5' | 'file' | 'embed';
  src: string;
  title?: string;
}

export interface AttachmentFact {
  /** The file itself (for viewers, the original file URL taken from `urlgoc`, `urlpdf`, `src` …). */
  url: string;
  label: string;
  /** Lower-case extension: pdf, doc, docx, xls, xlsx, ppt, pptx, zip, rar, jpg … */
  ext: string;
  /** URL of an in-page viewer (iframe src) showing this file, when present. */
  viewerUrl?: string;
}

export interface PersonFact {
  name: string;
  position?: string;
  phones: string[];
  emails: string[];
  photo?: string;
  /** The unit the card is listed under ("Ban giám hiệu", "Tổ văn phòng" …), from the nearest heading. */
  group?: string;
}

export interface TickerFact {
  kind: 'marquee' | 'css' | 'js';
  text: string;
}

/** What a browser saw of a page's layout (letter 289: custom sections must not break the common layout). */
export interface LayoutFacts {
  /** Horizontal overflow at each viewport width: document width beyond the viewport, in px (0 = none). */
  overflow: { width: number; px: number }[];
  /** Images of the page that did not load (src). */
  brokenImages: string[];
}

/** A screenshot taken as evidence, so a reviewer sees what the crawler saw and when. */
export interface ScreenshotFact {
  /** Path relative to the output folder, with `/` separators (`screenshots/<school>/<name>.png`). */
  file: string;
  /** ISO instant. */
  takenAt: string;
  /** Viewport width in px. */
  width: number;
}

export interface PageFacts {
  /** Canonical URL: the key of the page within a crawl. */
  url: string;
  /** URL after redirects. */
  finalUrl: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** Network or parse error, when the page could not be read. */
  error?: string;
  /** The HTML was bigger than the byte cap and was cut: the facts cover what arrived. */
  truncated?: boolean;
  /** The page showed what another URL of the crawl already showed (canonical URL): read once, facts left empty. */
  duplicateOf?: string;
  contentType: string;
  /** Link distance from the start URL. */
  depth: number;
  /** ISO instant. */
  fetchedAt: string;
  /** Whether a browser rendered the page. */
  rendered: boolean;
  /** Why the page looks built by JavaScript (an app root with little text, many scripts and few links …). */
  needsRender?: string;
  /** Rendering was wanted but did not happen: Chromium missing, `--render never`, a crash or a timeout. */
  renderError?: string;
  /** Measured in a browser at the evidence step (home page and sections' main pages). */
  layout?: LayoutFacts;
  screenshot?: ScreenshotFact;
  title: string;
  headings: HeadingFact[];
  /** Breadcrumb labels, outermost first ("Trang chủ", "Cơ cấu tổ chức", "Ban giám hiệu"). */
  breadcrumb: string[];
  /** Menu links (main menu, sidebar trees, footer menu). */
  navLinks: NavLinkFact[];
  /** Every http(s) link of the page, menus included. */
  links: LinkFact[];
  lists: ListFact[];
  tables: TableFact[];
  images: ImageFact[];
  videos: VideoFact[];
  audio: AudioFact[];
  attachments: AttachmentFact[];
  contacts: { phones: string[]; emails: string[] };
  people: PersonFact[];
  tickers: TickerFact[];
  /** Every date found, with the text it came from. */
  dates: DateFact[];
  /** Main content text (article body or the page's main column), NFC, cut at 20,000 characters. */
  text: string;
  /** Words in the main content. */
  wordCount: number;
}

/** Result of checking one attachment URL with HEAD (GET when HEAD is refused). */
export interface AttachmentProbe {
  url: string;
  status: number;
  contentType: string;
  ok: boolean;
  error?: string;
}

export interface CrawlStats {
  requests: number;
  pages: number;
  bytes: number;
  errors: number;
  /** The page limit stopped the crawl before the frontier was empty. */
  pageLimitReached: boolean;
  /** Pages read through a browser. */
  rendered?: number;
  durationMs: number;
}

/**
 * Something about the crawl itself that the school's staff and the district should know, because
 * it names a fault of the site (a trap of endless links, a bad certificate, a page too big) or a
 * reason why the audit may have missed pages (robots.txt, the time budget, the page limit).
 */
export type CrawlIssueKind =
  | 'trap' // a family of URLs that never ends (calendars, counters, repeating paths, query explosion)
  | 'tls' // certificate not valid (with --insecure the crawl went on)
  | 'robots' // robots.txt forbids pages (or the whole site) to our user agent
  | 'time-budget' // the per-school time budget ran out
  | 'page-limit' // --max-pages reached with pages still queued
  | 'truncated' // HTML bigger than the body cap, cut
  | 'rate-limited' // 429/503 answers (Retry-After honoured)
  | 'server-errors' // 5xx answers after the retries
  | 'private-address' // links to private/loopback/link-local addresses not followed
  | 'redirects' // redirect loops or chains too long
  | 'slow' // requests that timed out
  | 'duplicates'; // URLs that answered a page already read under another URL (session ids, ignored queries)

export interface CrawlIssue {
  kind: CrawlIssueKind;
  /** warn: the site has the fault or the audit may have missed pages; info: for the record. */
  severity: 'warn' | 'info';
  message: Bilingual;
  /** Example URLs, at most 5. */
  urls: string[];
  /** How many URLs or requests it concerns, when counted. */
  count?: number;
}

export interface SchoolCrawl {
  school: SchoolConfig;
  startedAt: string;
  finishedAt: string;
  reachable: boolean;
  /** Why the site could not be read, when `reachable` is false. */
  error: string | null;
  /** Canonical URL of the home page after redirects. */
  homeUrl: string;
  pages: PageFacts[];
  attachments: AttachmentProbe[];
  stats: CrawlStats;
  /** Faults of the site met while crawling (absent in crawl files of older versions). */
  issues?: CrawlIssue[];
}

/** crawl.json: the gathered facts of a run, enough to judge again with no network. */
export interface CrawlFile {
  tool: { name: string; version: string };
  createdAt: string;
  schools: SchoolCrawl[];
}

// ───────────────────────────── mapping ─────────────────────────────

export interface PageAssignment {
  url: string;
  score: number;
  /** Human-readable reasons, e.g. `menu label "Lịch công tác tuần BGH"`, `URL slug "/lich-cong-tac"`. */
  reasons: string[];
}

/** One post, document or entry of a section, gathered from its list pages and detail pages. */
export interface SectionItem {
  title: string;
  url?: string;
  /** Best date of the item: when it was posted (publication), else any date shown with it. */
  date?: DateFact;
  /** Every date known for the item (its list row, table row and detail page), with roles. */
  dates: DateFact[];
  /** Text of the item's row or list entry (title, number, status …), for keyword checks. */
  text: string;
  /** Files attached to the item (from its row or its detail page). */
  attachments: AttachmentFact[];
  /** Images shown by the item (cover, or photos of its detail page). */
  images: number;
  /** Playable videos of the item's detail page. */
  videos: VideoFact[];
  /** Page the item was seen on. */
  foundOn: string;
}

export interface SectionEvidence {
  sectionId: string;
  /** Pages assigned to the section, best first. */
  pages: PageAssignment[];
  /** The facts of those pages, same order. */
  facts: PageFacts[];
  items: SectionItem[];
  /** Menu entries naming the section whose page could not be read (404, error), with why they matched. */
  broken: { url: string; status: number; error?: string; score: number; reasons: string[] }[];
  /** Links that name the section and lead to pages the crawl never read (page limit, time budget, robots.txt). */
  unread: { url: string; label: string; reasons: string[] }[];
}

// ───────────────────────────── judgement ─────────────────────────────

export interface Finding {
  /** Check id from the registry, e.g. `freshness`, `weekly-deadline`. */
  check: string;
  status: Status;
  message: Bilingual;
  /** URLs that show the problem (or the pass). */
  evidence: string[];
  /** Dates the check relied on (YYYY-MM-DD). */
  dates?: string[];
}

export interface SectionResult {
  id: string;
  code: string;
  title: string;
  titleEn: string;
  mandatory: boolean;
  status: Status;
  pages: string[];
  latestDate: string | null;
  findings: Finding[];
  /** Informational notes that are not findings, e.g. "due in 5 hours". */
  notes: Bilingual[];
  /** Why each page was assigned to this section. */
  mapping: PageAssignment[];
  remediation: Bilingual | null;
  /** Date by which a failing section should be fixed (audit date + the rule pack's days). */
  fixBy?: string;
  /** Screenshot of the section's main page, relative to the output folder. */
  screenshot?: ScreenshotFact;
}

export interface StatusSummary {
  pass: number;
  fail: number;
  warn: number;
  unknown: number;
  na: number;
}

export interface PageIndexEntry {
  url: string;
  title: string;
  status: number;
  /** Read through a browser. */
  rendered?: boolean;
  /** What went wrong reading the page: an error, a render failure, a cut body. */
  note?: string;
  sections: { id: string; score: number; reasons: string[] }[];
}

export interface SchoolResult {
  id: string;
  name: string;
  url: string;
  level: SchoolLevel;
  boarding: boolean;
  reachable: boolean;
  error: string | null;
  pagesCrawled: number;
  startedAt: string;
  finishedAt: string;
  sections: SectionResult[];
  summary: StatusSummary;
  /** Every crawled page with the sections it was assigned to (the workbook's "pages" sheet). */
  pages: PageIndexEntry[];
  /** Screenshot of the home page, relative to the output folder. */
  screenshot?: ScreenshotFact;
  /** Faults of the site met while crawling (traps, certificate, robots.txt, budget …). */
  crawlIssues: CrawlIssue[];
}

/** A school of the list that a stopped run did not finish: absent from `schools`, left to `--resume`. */
export interface NotAuditedSchool {
  id: string;
  name: string;
  url: string;
}

/** results.json */
export interface AuditResults {
  tool: { name: string; version: string };
  rulePack: { id: string; title: string };
  /** The audit instant, ISO 8601 with +07:00. */
  asOf: string;
  generatedAt: string;
  schools: SchoolResult[];
  /** Schools of the list the run was stopped before finishing (absent when every school was audited). */
  notAudited?: NotAuditedSchool[];
}

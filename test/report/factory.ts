/**
 * Hand-built audit results for the report tests: one section result per section of the real rule
 * pack, so the reports are read back against the letter's table itself.
 */
import type { RulePack, RuleSection } from '../../src/rules/schema.js';
import type { AuditResults, CrawlIssue, Finding, PageIndexEntry, SchoolResult, SectionResult, Status, StatusSummary } from '../../src/types.js';

export const AS_OF = '2026-10-30T17:00:00+07:00';

/** The four hostile strings a page can carry; the first three start like formulas, all hold a BEL. */
export const HOSTILE = ['=HYPERLINK("http://x")\u0007', '+1\u0007 cộng', '@SUM(A1)\u0007', '-2+3\u0007'];

function summarise(sections: SectionResult[]): StatusSummary {
  const s: StatusSummary = { pass: 0, fail: 0, warn: 0, unknown: 0, na: 0 };
  for (const x of sections) s[x.status === 'n/a' ? 'na' : x.status]++;
  return s;
}

function finding(status: Status, vi: string, en: string, evidence: string[] = [], dates?: string[]): Finding {
  return { check: status === 'pass' ? 'presence' : 'freshness', status, message: { vi, en }, evidence, ...(dates ? { dates } : {}) };
}

interface SchoolSpec {
  id: string;
  name: string;
  url: string;
  level: SchoolResult['level'];
  boarding?: boolean;
  reachable?: boolean;
  error?: string;
  /** Status and findings of a section; default: a pass. */
  judge?: (section: RuleSection, base: SectionResult) => Partial<SectionResult> | undefined;
  pages?: PageIndexEntry[];
  crawlIssues?: CrawlIssue[];
}

export function school(pack: RulePack, spec: SchoolSpec): SchoolResult {
  const reachable = spec.reachable ?? true;
  const sections = pack.sections.map((rs): SectionResult => {
    const m = rs.mandatory;
    const applies = typeof m === 'boolean' || m.levels.includes(spec.level) || (m.boarding && !!spec.boarding);
    const mandatory = typeof m === 'boolean' ? m : applies;
    const page = `${spec.url}${rs.slugs[0] ?? rs.id}`;
    const base: SectionResult = {
      id: rs.id,
      code: rs.code,
      title: rs.label.vi,
      titleEn: rs.label.en,
      mandatory,
      status: 'pass',
      pages: reachable ? [page] : [],
      latestDate: reachable ? '2026-10-20' : null,
      findings: [finding('pass', `Có chuyên mục ${rs.label.vi}.`, `Section ${rs.label.en} found.`, [page])],
      notes: [],
      mapping: reachable ? [{ url: page, score: 9, reasons: [`menu label "${rs.label.vi}"`] }] : [],
      remediation: null,
    };
    if (!applies) {
      return { ...base, status: 'n/a', pages: [], latestDate: null, findings: [finding('n/a', 'Không áp dụng: chỉ bắt buộc với trường mầm non.', 'Not applicable: kindergartens only.')] };
    }
    if (!reachable) {
      const f = finding('unknown', `Không truy cập được cổng thông tin: ${spec.error}`, `The portal could not be reached: ${spec.error}`, [spec.url]);
      return { ...base, status: 'unknown', findings: [{ ...f, check: 'reachable' }], remediation: rs.remediation };
    }
    return { ...base, ...(spec.judge?.(rs, base) ?? {}) };
  });
  return {
    id: spec.id,
    name: spec.name,
    url: spec.url,
    level: spec.level,
    boarding: !!spec.boarding,
    reachable,
    error: reachable ? null : (spec.error ?? 'error'),
    pagesCrawled: reachable ? (spec.pages?.length ?? 40) : 0,
    startedAt: '2026-10-30T16:50:00+07:00',
    finishedAt: '2026-10-30T16:52:30+07:00',
    sections,
    summary: summarise(sections),
    pages: spec.pages ?? [],
    crawlIssues: spec.crawlIssues ?? [],
  };
}

export function compliantSchool(pack: RulePack): SchoolResult {
  return school(pack, {
    id: 'thcs-gia-thuy',
    name: 'Trường THCS Gia Thụy',
    url: 'https://thcsgiathuy.longbien.edu.vn/',
    level: 'THCS',
    pages: [
      {
        url: 'https://thcsgiathuy.longbien.edu.vn/gioi-thieu/c/1',
        title: 'Giới thiệu chung',
        status: 200,
        sections: [{ id: 'gioi-thieu', score: 9, reasons: ['menu label "Giới thiệu"', 'URL slug "/gioi-thieu"'] }],
      },
      { url: 'https://thcsgiathuy.longbien.edu.vn/', title: 'Trang chủ', status: 200, sections: [] },
    ],
  });
}

/** A boarding primary school with fails, warnings, an undecided section and a "due soon" note. */
export function failingSchool(pack: RulePack): SchoolResult {
  const url = 'https://thbodethanh.longbien.edu.vn/';
  return school(pack, {
    id: 'th-bo-de',
    name: 'Trường Tiểu học Bồ Đề',
    url,
    level: 'TH',
    boarding: true,
    judge: (rs, base) => {
      switch (rs.id) {
        case 'album-anh':
          return {
            status: 'fail',
            latestDate: '2026-08-20',
            findings: [
              base.findings[0]!,
              finding('fail', 'Album ảnh mới nhất ngày 20/08/2026, quá 1 tháng.', 'Newest album 20/08/2026 is older than one month.', [`${url}album-anh`], ['2026-08-20']),
              finding('warn', 'Chỉ có 1 album có ảnh.', 'Only one album has photos.', [`${url}album-anh`]),
            ],
            remediation: rs.remediation,
            fixBy: '2026-11-06',
          };
        case 'video':
          return { status: 'fail', pages: [], latestDate: null, findings: [finding('fail', 'Không tìm thấy chuyên mục Video.', 'No video section found.')], remediation: rs.remediation, fixBy: '2026-11-06' };
        case 'lich-cong-tac-tuan':
          return {
            status: 'warn',
            findings: [finding('warn', 'Lịch tuần 44 đăng muộn (sau 16:00 thứ Sáu).', 'Week 44 schedule was published late.', [`${url}lich-cong-tac`])],
            notes: [{ vi: 'Hạn đăng lịch tuần sau còn 5 giờ.', en: 'Next week is due in 5 hours.' }],
            remediation: rs.remediation,
            fixBy: '2026-11-02',
          };
        case 'giao-an-dien-tu':
          return { status: 'unknown', latestDate: null, findings: [finding('unknown', 'Không thấy ngày đăng của giáo án.', 'No dates shown for the lesson plans.', [`${url}giao-an`])], remediation: rs.remediation };
        default:
          return undefined;
      }
    },
  });
}

export function unreachableSchool(pack: RulePack): SchoolResult {
  return school(pack, {
    id: 'mn-hoa-sua',
    name: 'Trường Mầm non Hoa Sữa',
    url: 'http://127.0.0.1:9/',
    level: 'MN',
    reachable: false,
    error: 'connect ECONNREFUSED 127.0.0.1:9',
  });
}

/** A school whose pages try formulas, control characters, markup and odd links. */
export function hostileSchool(pack: RulePack): SchoolResult {
  const url = 'https://mnhostile.example.edu.vn/';
  return school(pack, {
    id: 'mn-hostile',
    name: 'Trường Mầm non <Hoa> & "Sen"',
    url,
    level: 'MN',
    judge: (rs) => {
      if (rs.id !== 'gioi-thieu') return undefined;
      return {
        status: 'fail',
        pages: ['javascript:alert(1)'],
        findings: HOSTILE.map((h) => ({ ...finding('fail', h, `${h} </failure><x a="1"> ]]> &amp;`, ['javascript:alert(1)', `${url}a?b=1&c=<2>`]) })),
        remediation: { vi: '=1+1', en: '=1+1' },
      };
    },
    pages: HOSTILE.map((h, i) => ({
      url: i === 0 ? 'file:///etc/passwd' : `${url}p${i}`,
      title: h,
      status: 200,
      sections: [{ id: 'gioi-thieu', score: 3, reasons: [h] }],
    })),
  });
}

export function results(pack: RulePack, schools: SchoolResult[]): AuditResults {
  return {
    tool: { name: 'portal-audit', version: '1.0.0' },
    rulePack: { id: pack.id, title: pack.title.vi },
    asOf: AS_OF,
    generatedAt: '2026-10-30T17:02:00+07:00',
    schools,
  };
}

export function allSchools(pack: RulePack): SchoolResult[] {
  return [compliantSchool(pack), failingSchool(pack), unreachableSchool(pack), hostileSchool(pack)];
}

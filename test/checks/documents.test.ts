import { describe, expect, it } from 'vitest';
import type { AttachmentFact, DateFact } from '../../src/types.js';
import { evidence, item, page, runCheck } from '../helpers/facts.js';

const AS_OF = '2026-10-30T10:00:00+07:00';
const list = page('http://school.test/van-ban');
const pdf = (name: string, viewer = false): AttachmentFact => ({
  url: `http://school.test/upload/${name}.pdf`,
  label: name,
  ext: 'pdf',
  ...(viewer && { viewerUrl: `http://school.test/ViewFilePdf?urlpdf=${name}` }),
});
const d = (date: string, role: DateFact['role']): DateFact => ({ date, text: date, source: 'text', role });
const doc = (title: string, dates: DateFact[], attachments: AttachmentFact[] = [], text = title) =>
  item(title, undefined, { dates, attachments, text, ...(dates.find((x) => x.role === 'published') && { date: dates.find((x) => x.role === 'published') }) });

describe('documents with inline view', () => {
  it('passes documents whose PDF answers 200', async () => {
    const ev = evidence('van-ban-cap-tren', [list], [doc('Chỉ thị 12/CT-UBND', [], [pdf('ct12')])]);
    const r = await runCheck('documents', 'van-ban-cap-tren', ev, AS_OF, { probes: [{ url: pdf('ct12').url, status: 200, contentType: 'application/pdf', ok: true }] });
    expect(r.status).toBe('pass');
  });

  it('fails attachments that answer 404 and names them', async () => {
    const ev = evidence('van-ban-truong', [list], [doc('Kế hoạch năm học', [], [pdf('kh')])]);
    const r = await runCheck('documents', 'van-ban-truong', ev, AS_OF, { probes: [{ url: pdf('kh').url, status: 404, contentType: 'text/html', ok: false }] });
    expect(r.status).toBe('fail');
    expect(r.findings[0]!.message.en).toMatch(/Attachments that do not open \(error 404\): Kế hoạch năm học/);
  });

  it('warns about Word files that can only be downloaded', async () => {
    const docx: AttachmentFact = { url: 'http://school.test/a.docx', label: 'a', ext: 'docx' };
    const ev = evidence('van-ban-truong', [list], [doc('A', [], [docx]), doc('B', [], [pdf('b', true)])]);
    expect((await runCheck('documents', 'van-ban-truong', ev, AS_OF)).status).toBe('warn');
  });

  it('fails a document whose own link answers an error ("Tải tài liệu tuyển sinh" → 404)', async () => {
    const dead = page('http://school.test/tai-lieu-tuyen-sinh', { status: 404, error: 'HTTP 404' });
    const ev = evidence('tuyen-sinh', [list], [doc('Tải tài liệu tuyển sinh', [], [], 'Tải tài liệu tuyển sinh')].map((i) => ({ ...i, url: dead.url })));
    const r = await runCheck('documents', 'tuyen-sinh', ev, AS_OF, { pages: [dead] });
    expect(r.status).toBe('fail');
    expect(r.findings[0]!.message.en).toMatch(/do not open \(error 404\): Tải tài liệu tuyển sinh/);
  });

  it('fails when no document has a file', async () => {
    const ev = evidence('tuyen-sinh', [list], [doc('Thông báo tuyển sinh lớp 6', [])]);
    expect((await runCheck('documents', 'tuyen-sinh', ev, AS_OF)).status).toBe('fail');
  });
});

describe('expired and superseded documents', () => {
  it('finds documents marked "Hết hiệu lực" or past their expiry date', async () => {
    const ev = evidence('van-ban-cap-tren', [list], [
      doc('Quyết định 1', [], [], 'QĐ 1 | Hết hiệu lực'),
      doc('Quyết định 2', [d('2025-12-31', 'expires')]),
      doc('Quyết định 3', [d('2027-12-31', 'expires')], [], 'QĐ 3 | Ngày hết hiệu lực: 31/12/2027'),
    ]);
    const r = await runCheck('expired-documents', 'van-ban-cap-tren', ev, AS_OF);
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.en).toMatch(/Quyết định 1.*Quyết định 2/);
    expect(r.findings[0]!.message.en).not.toMatch(/Quyết định 3/);
    expect((await runCheck('expired-documents', 'ba-cong-khai', evidence('ba-cong-khai', [list], ev.items), AS_OF)).status).toBe('fail');
  });

  it('fails "ba công khai" of an older school year and passes the current one', async () => {
    const old = doc('Công khai chất lượng giáo dục năm học 2025-2026', [d('2025-09-20', 'published')]);
    const now = doc('Công khai cơ sở vật chất năm học 2026-2027', [d('2026-09-20', 'published')]);
    expect((await runCheck('current-year-documents', 'ba-cong-khai', evidence('ba-cong-khai', [list], [old]), AS_OF)).status).toBe('fail');
    expect((await runCheck('current-year-documents', 'ba-cong-khai', evidence('ba-cong-khai', [list], [now]), AS_OF)).status).toBe('pass');
    const both = await runCheck('current-year-documents', 'ba-cong-khai', evidence('ba-cong-khai', [list], [now, old]), AS_OF);
    expect(both.status).toBe('fail');
    expect(both.findings[0]!.message.en).toMatch(/older school years.*2025-2026/);
  });
});

describe('superseded documents of higher authorities (VI.1)', () => {
  const law = doc('Thông tư 36/2017/TT-BGDĐT quy chế công khai', [d('2017-12-28', 'issued')]);
  const oldGuide = doc('Hướng dẫn thực hiện nhiệm vụ năm học 2025-2026', [d('2025-09-05', 'issued')]);
  const newGuide = doc('Hướng dẫn thực hiện nhiệm vụ năm học 2026-2027', [d('2026-09-06', 'issued')]);

  it('warns about yearly guidance of an older school year, naming it', async () => {
    const r = await runCheck('current-year-documents', 'van-ban-cap-tren', evidence('van-ban-cap-tren', [list], [law, oldGuide, newGuide]), AS_OF);
    expect(r.status).toBe('warn');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message.vi).toMatch(/năm học cũ.*Hướng dẫn thực hiện nhiệm vụ năm học 2025-2026/);
    expect(r.findings[0]!.message.vi).not.toMatch(/Thông tư 36/);
  });

  it('keeps regulations that name no school year, however old, and asks for no current-year document', async () => {
    expect((await runCheck('current-year-documents', 'van-ban-cap-tren', evidence('van-ban-cap-tren', [list], [law]), AS_OF)).status).toBe('none');
    expect((await runCheck('current-year-documents', 'van-ban-cap-tren', evidence('van-ban-cap-tren', [list], [law, newGuide]), AS_OF)).status).toBe('pass');
  });

  it('treats last year\'s guidance as current until the new school year begins (5/9)', async () => {
    const ev = evidence('van-ban-cap-tren', [list], [oldGuide]);
    expect((await runCheck('current-year-documents', 'van-ban-cap-tren', ev, '2026-09-04T12:00:00+07:00')).status).toBe('pass');
    expect((await runCheck('current-year-documents', 'van-ban-cap-tren', ev, '2026-09-05T00:01:00+07:00')).status).toBe('warn');
  });

  it('finds documents marked superseded ("bị thay thế") but not those partly expired or replacing others', async () => {
    const ev = evidence('van-ban-cap-tren', [list], [
      doc('Quyết định 4', [], [], 'QĐ 4 | Đã bị thay thế bởi QĐ 9'),
      doc('Quyết định 5', [], [], 'QĐ 5 | Hết hiệu lực một phần'),
      doc('Quyết định 9', [], [], 'QĐ 9 thay thế QĐ 4'),
    ]);
    const r = await runCheck('expired-documents', 'van-ban-cap-tren', ev, AS_OF);
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.en).toMatch(/Expired documents still listed: Quyết định 4\.?$/);
  });
});

describe('school documents posted within one working day of issue', () => {
  it('passes the next working day and fails later, naming both dates', async () => {
    // Friday 23/10/2026 → Monday 26/10 is one working day later.
    const onTime = doc('QĐ 5/QĐ-THCS', [d('2026-10-23', 'issued'), d('2026-10-26', 'published')]);
    const late = doc('QĐ 6/QĐ-THCS', [d('2026-10-23', 'issued'), d('2026-10-28', 'published')]);
    expect((await runCheck('document-timeliness', 'van-ban-truong', evidence('van-ban-truong', [list], [onTime]), AS_OF)).status).toBe('pass');
    const r = await runCheck('document-timeliness', 'van-ban-truong', evidence('van-ban-truong', [list], [onTime, late]), AS_OF);
    expect(r.status).toBe('fail');
    expect(r.findings[0]!.message.en).toMatch(/QĐ 6\/QĐ-THCS \(ban hành\/issued 23\/10\/2026, đăng\/posted 28\/10\/2026\)/);
  });

  it('counts Tết as no working days: issued before Tết 2026, posted right after is on time', async () => {
    const ok = doc('TB nghỉ Tết', [d('2026-02-13', 'issued'), d('2026-02-23', 'published')]);
    expect((await runCheck('document-timeliness', 'van-ban-truong', evidence('van-ban-truong', [list], [ok]), '2026-03-01T10:00:00+07:00')).status).toBe('pass');
  });

  it('reads the issue date after the number in the title', async () => {
    const t = doc('Quyết định số 12/QĐ-THCSSH ngày 05/10/2026 về việc thành lập tổ', [d('2026-10-12', 'published')]);
    const r = await runCheck('document-timeliness', 'van-ban-truong', evidence('van-ban-truong', [list], [t]), AS_OF);
    expect(r.status).toBe('fail');
  });

  it('asks for a manual check when issue and posting dates are not both shown', async () => {
    expect((await runCheck('document-timeliness', 'van-ban-truong', evidence('van-ban-truong', [list], [doc('A', [d('2026-10-01', 'issued')])]), AS_OF)).status).toBe('unknown');
  });
});

describe('professional activities posted within one working day of the event', () => {
  const post = (event: string, posted: string) =>
    item(`Chuyên đề ${event}`, posted, { dates: [{ date: posted, text: posted, source: 'text', role: 'published' }, d(event, 'event')] });
  it('warns about late posts and passes timely ones', async () => {
    const r = await runCheck('event-timeliness', 'hoat-dong-chuyen-mon', evidence('hoat-dong-chuyen-mon', [list], [post('2026-10-15', '2026-10-16'), post('2026-10-12', '2026-10-16')]), AS_OF);
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.message.en).toMatch(/Chuyên đề 2026-10-12 \(sự kiện\/event 12\/10\/2026, đăng\/posted 16\/10\/2026\)/);
    expect((await runCheck('event-timeliness', 'hoat-dong-chuyen-mon', evidence('hoat-dong-chuyen-mon', [list], [post('2026-10-15', '2026-10-16')]), AS_OF)).status).toBe('pass');
  });
});

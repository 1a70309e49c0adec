import { describe, expect, it } from 'vitest';
import {
  type CompiledTemplate,
  type RenderContext,
  TemplateError,
  compileTemplate,
  compileVars,
  renderTemplate,
} from '../../src/demo/templates.js';

const ANCHOR = new Date('2026-10-30T17:00:00+07:00'); // a Friday, after the 16:00 deadline

function render(
  source: string,
  opts: { vars?: Record<string, string>; partials?: Record<string, string>; anchor?: Date; query?: string } = {},
): string {
  const partials = new Map<string, CompiledTemplate>();
  for (const [name, src] of Object.entries(opts.partials ?? {})) partials.set(name, compileTemplate(src, `_${name}.html`));
  const ctx: RenderContext = {
    anchor: opts.anchor ?? ANCHOR,
    vars: compileVars(opts.vars ?? {}, 'routes.yaml /test'),
    query: new URLSearchParams(opts.query ?? ''),
    origin: 'http://127.0.0.1:4321',
    partial: (name) => partials.get(name),
  };
  return renderTemplate(compileTemplate(source, 'page.html'), ctx);
}

describe('partials and vars', () => {
  it('includes a partial and renders route vars inside it', () => {
    const out = render('{{> header}}<h1>{{var title}}</h1>', {
      partials: { header: '<header>{{var school}}</header>' },
      vars: { school: 'Trường THCS Sen Hồng', title: 'Giới thiệu' },
    });
    expect(out).toBe('<header>Trường THCS Sen Hồng</header><h1>Giới thiệu</h1>');
  });

  it('renders a var as a template itself', () => {
    expect(render('{{var title}}', { vars: { title: 'Lịch công tác tuần {{week due}}' } })).toBe('Lịch công tác tuần 10');
  });

  it('picks a partial named by a var', () => {
    expect(render('<div>{{> $body}}</div>', { vars: { body: 'posts/a' }, partials: { 'posts/a': 'Bài A' } })).toBe('<div>Bài A</div>');
  });

  it('passes arguments to a partial, tags included, rendered in the caller context', () => {
    const out = render('<ul>{{> item title="Họp năm học {{sy}}" pub="now -3@08:15"}}{{> item title="{{var t}}" pub="now -1"}}</ul>', {
      partials: { item: '<li>{{var title}} ({{date $pub}})</li>' },
      vars: { t: 'Thông báo' },
    });
    expect(out).toBe('<ul><li>Họp năm học 2026-2027 (27/10/2026)</li><li>Thông báo (29/10/2026)</li></ul>');
  });

  it('keeps decomposed Vietnamese text exactly as typed', () => {
    const nfd = 'GIƠ\u0301I THIÊ\u0323U';
    expect(render(`<h2>${nfd}</h2>`)).toBe(`<h2>${nfd}</h2>`);
  });

  it('drops comments, even those containing }}', () => {
    expect(render('a{{! why this fault }}b{{!-- a {{tag}} inside --}}c')).toBe('abc');
  });

  it('escapes query-string parameters', () => {
    expect(render('<embed src="{{query urlpdf}}">', { query: 'urlpdf=%22%3E%3Cscript%3E' })).toBe('<embed src="&quot;&gt;&lt;script&gt;">');
    expect(render('{{origin}}/sitemap.xml')).toBe('http://127.0.0.1:4321/sitemap.xml');
  });
});

describe('date tags', () => {
  it('formats dates relative to the anchor (README examples)', () => {
    expect(render('{{date now -3}}')).toBe('27/10/2026');
    expect(render('{{date now -3 dd/MM/yyyy}}')).toBe('27/10/2026');
    expect(render("{{date now -3 'ngày' dd 'tháng' MM 'năm' yyyy}}")).toBe('ngày 27 tháng 10 năm 2026');
    expect(render('{{date now -3@08:15 d/M/yyyy, HH:mm}}')).toBe('27/10/2026, 08:15');
    expect(render('{{date due +0}} – {{date due +6}}')).toBe('2/11/2026 – 8/11/2026');
    expect(render('{{date due -3@10:00 dd/MM/yyyy HH:mm}}')).toBe('30/10/2026 10:00');
    expect(render('{{date sy -20}}')).toBe('16/8/2026');
    expect(render('{{date sem +0}}')).toBe('5/9/2026');
    expect(render('{{date nowsy -40}}')).toBe('20/9/2026');
    expect(render('{{iso now -3@08:15}}')).toBe('2026-10-27T08:15:00+07:00');
    expect(render('{{weekday now -3}} / {{weekday now -3 num}}')).toBe('Thứ ba / Thứ 3');
    expect(render('{{week due}} {{week due -7}}')).toBe('10 9');
    expect(render('{{sy}} {{sy-1}} {{sy+1}} {{sem}} {{semnum}}')).toBe('2026-2027 2025-2026 2027-2028 I 1');
    expect(render('{{date now -3 EEEE}}')).toBe('Thứ Ba');
  });

  it('moves the due week when the anchor crosses Friday 16:00', () => {
    const tpl = 'Tuần {{week due}} (từ {{date due +0}} đến {{date due +6}})';
    expect(render(tpl, { anchor: new Date('2026-10-30T15:59:00+07:00') })).toBe('Tuần 9 (từ 26/10/2026 đến 1/11/2026)');
    expect(render(tpl, { anchor: new Date('2026-10-30T16:00:00+07:00') })).toBe('Tuần 10 (từ 2/11/2026 đến 8/11/2026)');
  });

  it('shows semester II and the same school year from 15 January', () => {
    const tpl = 'Thời khóa biểu học kỳ {{sem}} năm học {{sy}}';
    expect(render(tpl, { anchor: new Date('2027-01-14T12:00:00+07:00') })).toBe('Thời khóa biểu học kỳ I năm học 2026-2027');
    expect(render(tpl, { anchor: new Date('2027-01-15T12:00:00+07:00') })).toBe('Thời khóa biểu học kỳ II năm học 2026-2027');
    expect(render(tpl, { anchor: new Date('2027-09-05T00:00:00+07:00') })).toBe('Thời khóa biểu học kỳ I năm học 2027-2028');
  });

  it('takes date arguments from route vars', () => {
    const out = render('{{weekday $pub}}, {{date $pub d/M/yyyy, HH:mm}}   , Lượt đọc : 600', { vars: { pub: 'now -1@20:22' } });
    expect(out).toBe('Thứ năm, 29/10/2026, 20:22   , Lượt đọc : 600');
  });
});

describe('errors name the file and line', () => {
  it('reports unknown tags, bases and formats when compiling', () => {
    expect(() => compileTemplate('a\nb {{nonsense}}', 'page.html')).toThrow(/page\.html:2: unknown tag/);
    expect(() => compileTemplate('{{date tomorrow +1}}', 'page.html')).toThrow(/unknown date base "tomorrow"/);
    expect(() => compileTemplate('{{date now -1 ngày dd}}', 'page.html')).toThrow(TemplateError);
    expect(() => compileTemplate('{{date now', 'page.html')).toThrow(/never closed/);
  });

  it('reports a missing var or partial when rendering', () => {
    expect(() => render('x\n{{var title}}')).toThrow(/page\.html:2: no route var "title"/);
    expect(() => render('{{> footer}}')).toThrow(/no partial "footer"/);
  });

  it('stops a partial that includes itself', () => {
    expect(() => render('{{> loop}}', { partials: { loop: '{{> loop}}' } })).toThrow(/nested deeper/);
  });
});

/**
 * Staff cards ("Cơ cấu tổ chức"): label/value rows ("Họ và tên:", "Chức vụ:", "Điện thoại:", "Email:")
 * in Viettel cards and detail tables or typed as "Chức vụ: Hiệu trưởng" lines, and staff tables with
 * a "Họ và tên" column. A card is the largest block around a set of fields that holds no field twice,
 * so neighbouring cards never merge. Bad data is kept as typed (a birth date as the name).
 */
import { cleanText, normaliseVi } from '../normalise.js';
import type { PersonFact } from '../types.js';
import type { PageContext } from './context.js';
import { type El, attr, isBlock, isEl, parentEl, textOf, HEADING_TAGS } from './dom.js';
import { emailsInText, phonesInText } from './contacts.js';
import { imageSrc } from './media.js';
import type { TableInfo } from './tables.js';

type Field = 'name' | 'position' | 'phone' | 'email';
const FIELDS: Field[] = ['name', 'position', 'phone', 'email'];

const LABELS: [Field, RegExp][] = [
  ['name', /^(ho va ten|ho ten|ho va ten day du|ten giao vien|ten can bo|ten nhan vien)$/],
  ['position', /^(chuc vu|chuc danh)$/],
  ['phone', /^(dien thoai|so dien thoai|dien thoai di dong|dien thoai co quan|dt|dtdd|sdt|so dt|di dong|mobile|phone|tel)$/],
  ['email', /^(email|e mail|mail|thu dien tu|hop thu)$/],
];
/** Where a value typed on one line runs into the next field ("Hiệu trưởng - ĐT: 09…"). */
const NEXT_LABEL = /\s*[-–|,;]?\s*(?<!\p{L})(ĐT|ĐTDĐ|SĐT|Điện thoại|Di động|Email|E-mail|Chức vụ|Chức danh)\s*[:：]/iu;

interface Hit {
  el: El;
  field: Field;
  value: string;
}

function labelField(text: string): Field | null {
  const n = normaliseVi(text);
  if (!n || n.length > 30) return null;
  for (const [f, re] of LABELS) if (re.test(n)) return f;
  return null;
}

/** "Chức vụ: Hiệu trưởng" → position "Hiệu trưởng". */
function inlineField(text: string): { field: Field; value: string } | null {
  const m = /^([^:：]{1,30})[:：]\s*(.*)$/s.exec(text);
  if (!m) return null;
  const field = labelField(m[1]!);
  return field ? { field, value: m[2]!.trim() } : null;
}

const hasBlockChild = (el: El) => el.children.some((c) => isEl(c) && isBlock(c.name) && c.name !== 'br');

/** Text that may hold a field label (raw NFC text: checked before any normalisation). */
const LABEL_HINT = /tên|chức|điện|đt|di động|mail|thư|mobile|phone|tel/i;

/** Elements around text nodes that mention a label: the text's element and its line (block). */
function labelCandidates(ctx: PageContext): El[] {
  const out = new Set<El>();
  for (const el of ctx.dom.els) {
    for (const c of el.children) {
      if (c.type !== 'text' || !c.data) continue;
      const data = /[\u0300-\u036f]/.test(c.data) ? c.data.normalize('NFC') : c.data;
      if (!LABEL_HINT.test(data)) continue;
      out.add(el);
      let line: El | null = el;
      for (let i = 0; line && i < 3 && !isBlock(line.name); i++) line = parentEl(line);
      if (line) out.add(line);
    }
  }
  return [...out].sort((a, b) => ctx.dom.order(a) - ctx.dom.order(b));
}

function findHits(ctx: PageContext, skip: (el: El) => boolean): Hit[] {
  const hits: Hit[] = [];
  const inlineHits = new Set<El>();
  for (const el of labelCandidates(ctx)) {
    const chars = ctx.dom.charCount(el);
    if (chars < 2 || chars > 300 || skip(el)) continue;
    if (['script', 'style', 'a', 'option', 'select', 'title', 'head'].includes(el.name)) continue;
    const text = textOf(el);
    // Pattern A: a label cell followed by its value ("Chức vụ:" | "Hiệu trưởng").
    const f = chars <= 30 ? labelField(text.replace(/[:：]\s*$/, '')) : null;
    if (f) {
      let value = '';
      let sib = el.next ?? null;
      while (sib && !isEl(sib) && !(sib.data ?? '').trim()) sib = sib.next ?? null;
      if (sib && isEl(sib)) value = textOf(sib);
      else if (sib) value = cleanText(sib.data ?? '');
      else {
        const p = parentEl(el);
        const pt = p ? textOf(p) : '';
        if (pt.startsWith(text)) value = pt.slice(text.length).replace(/^\s*[:：]\s*/, '');
      }
      if (labelField(value.replace(/[:：]\s*$/, ''))) continue; // a header row: "Họ và tên | Chức vụ"
      hits.push({ el, field: f, value });
      continue;
    }
    // Pattern B: a line "Label: value" with no block inside.
    if (!hasBlockChild(el) && (isBlock(el.name) || el.name === 'span')) {
      const h = inlineField(text);
      if (h) {
        hits.push({ ...h, el });
        inlineHits.add(el);
      }
    }
  }
  // A label inside a line already read as "Label: value" is the same field.
  const labelled = hits.filter((h) => {
    for (let cur = parentEl(h.el), i = 0; cur && i < 4; cur = parentEl(cur), i++) if (inlineHits.has(cur)) return false;
    return true;
  });
  // A phone or e-mail shown only as a tel: or mailto: link ("☎ 0912 …" with no label) is a field
  // too, unless its line already gave the same field.
  const near = (a: El, field: Field) =>
    labelled.some((h) => h.field === field && (ctx.dom.contains(h.el, a) || (parentEl(h.el) && ctx.dom.contains(parentEl(h.el)!, a))));
  for (const a of ctx.dom.byTag('a')) {
    const href = attr(a, 'href').trim();
    const field: Field | null = /^tel:/i.test(href) ? 'phone' : /^mailto:/i.test(href) ? 'email' : null;
    if (!field || skip(a) || near(a, field)) continue;
    labelled.push({ el: a, field, value: href.replace(/^(tel|mailto):/i, '') });
  }
  return labelled.sort((x, y) => ctx.dom.order(x.el) - ctx.dom.order(y.el));
}

/** Positions of school staff, for cards that show the position as a plain line (no "Chức vụ:" label). */
const POSITION_WORDS =
  /^(hieu truong|pho hieu truong|hieu pho|bi thu|to truong|to pho|giao vien|gv|tong phu trach|nhan vien|ke toan|van thu|thu quy|y te|nhan vien y te|thu vien|thiet bi|bao ve|nhan vien bao ve|cap duong|nau an|co nuoi|giao vien mam non|giao vien chu nhiem|chu tich cong doan)\b/;

/** The line of a card that names a position ("Hiệu trưởng", "Giáo viên Toán – Tổ trưởng"). */
function derivedPosition(ctx: PageContext, card: El): string {
  for (const e of ctx.dom.descendants(card)) {
    if (!isBlock(e.name) && e.name !== 'span' && e.name !== 'em' && e.name !== 'i' && e.name !== 'small') continue;
    if (hasBlockChild(e)) continue;
    const t = textOf(e);
    if (t && t.length <= 80 && !t.includes(':') && POSITION_WORDS.test(normaliseVi(t))) return t;
  }
  return '';
}

function isCardBoundary(el: El): boolean {
  if (/schema\.org\/person/i.test(attr(el, 'itemtype'))) return true;
  return el.name === 'table' || el.name === 'article';
}

/** The card of each hit: climb while the block holds each field at most once. */
function groupCards(ctx: PageContext, hits: Hit[]): Map<El, Hit[]> {
  const counts = new Map<El, Record<Field, number>>();
  for (const h of hits) {
    for (let cur: El | null = h.el; cur; cur = parentEl(cur)) {
      let c = counts.get(cur);
      if (!c) counts.set(cur, (c = { name: 0, position: 0, phone: 0, email: 0 }));
      c[h.field]++;
    }
  }
  const single = (el: El) => {
    const c = counts.get(el);
    return !c || FIELDS.every((f) => c[f] <= 1);
  };
  const cards = new Map<El, Hit[]>();
  for (const h of hits) {
    let cur: El = h.el;
    while (!isCardBoundary(cur)) {
      const up = parentEl(cur);
      if (!up || up.name === 'body' || up.name === 'html' || !single(up)) break;
      if (ctx.dom.charCount(up) > 3000 || ctx.dom.find(up, 'a').length > 30) break;
      cur = up;
    }
    let list = cards.get(cur);
    if (!list) cards.set(cur, (list = []));
    list.push(h);
  }
  return cards;
}

function tailAfterLabel(v: string): string {
  const m = NEXT_LABEL.exec(v);
  return m && m.index > 0 ? v.slice(m.index) : '';
}

function cutAtNextLabel(v: string): string {
  const m = NEXT_LABEL.exec(v);
  return cleanText(m && m.index > 0 ? v.slice(0, m.index) : v);
}

/** A name when the card has no "Họ và tên" row: its itemprop=name, heading, bold line or link. */
function derivedName(ctx: PageContext, card: El): string {
  const named = ctx.dom.descendants(card).find((e) => attr(e, 'itemprop') === 'name');
  if (named) return textOf(named);
  for (const e of ctx.dom.descendants(card)) {
    if (!(HEADING_TAGS.has(e.name) || ['strong', 'b', 'a'].includes(e.name))) continue;
    const t = textOf(e);
    if (t && t.length <= 60 && !t.includes(':') && !labelField(t) && !phonesInText(t).length && !emailsInText(t).length) return t;
  }
  const img = ctx.dom.find(card, 'img')[0];
  return img ? cleanText(attr(img, 'alt')) : '';
}

function photoOf(ctx: PageContext, el: El): string | undefined {
  for (const img of ctx.dom.find(el, 'img')) {
    if (/^\s*([1-3]?\d)\s*(px)?\s*$/.test(attr(img, 'width'))) continue;
    const src = imageSrc(ctx, img);
    if (src && !/icon|logo|no-?image/i.test(src)) return src;
  }
  return undefined;
}

function personOf(ctx: PageContext, card: El, hits: Hit[], group: string): PersonFact | null {
  const get = (f: Field) => hits.find((h) => h.field === f);
  const hasPersonType = /schema\.org\/person/i.test(attr(card, 'itemtype'));
  const nameHit = get('name');
  // A card with no "Họ và tên" nor "Chức vụ" label: a position line beside a phone or e-mail.
  const plainPosition = !nameHit && !get('position') ? derivedPosition(ctx, card) : '';
  if (!nameHit && !get('position') && !hasPersonType && !plainPosition) return null;
  if (!nameHit && hits.length < 2 && !hasPersonType && !(plainPosition && hits.length >= 1)) return null;
  const name = nameHit ? cutAtNextLabel(nameHit.value) : derivedName(ctx, card);
  if (!name) return null;
  // What follows another label on the same line ("Hiệu trưởng - ĐT: 09…") counts too.
  const tails = hits.map((h) => tailAfterLabel(h.value)).filter(Boolean);
  const phones = [...new Set([...hits.filter((h) => h.field === 'phone').flatMap((h) => phonesInText(h.value)), ...tails.flatMap(phonesInText)])];
  const emails = new Set([...hits.filter((h) => h.field === 'email').flatMap((h) => emailsInText(h.value)), ...tails.flatMap(emailsInText)]);
  for (const a of ctx.dom.find(card, 'a')) {
    const href = attr(a, 'href');
    if (/^mailto:/i.test(href)) for (const e of emailsInText(href.slice(7))) emails.add(e);
  }
  const p: PersonFact = { name, phones, emails: [...emails] };
  const position = get('position');
  if (position && cutAtNextLabel(position.value)) p.position = cutAtNextLabel(position.value);
  else if (plainPosition) p.position = plainPosition;
  const photo = photoOf(ctx, card);
  if (photo) p.photo = photo;
  if (group) p.group = group;
  return p;
}

const NAME_COL = /^(ho va ten|ho ten|ten|ten giao vien|ten can bo|giao vien|can bo)$/;
const POSITION_COL = /^(chuc vu|chuc danh|nhiem vu)$/;
const PHONE_COL = /(dien thoai|^dt$|^sdt$|di dong)/;
const EMAIL_COL = /(email|e mail|thu dien tu)/;

/** Tables with a name column and a position/phone/e-mail column: one person per row. */
function staffTables(ctx: PageContext, tables: TableInfo[]): { people: PersonFact[]; used: Set<El> } {
  const people: PersonFact[] = [];
  const used = new Set<El>();
  for (const t of tables) {
    const k = t.headerKeys;
    const name = k.findIndex((h) => NAME_COL.test(h));
    const pos = k.findIndex((h) => POSITION_COL.test(h));
    const phone = k.findIndex((h) => PHONE_COL.test(h));
    const email = k.findIndex((h) => EMAIL_COL.test(h));
    if (name < 0 || (pos < 0 && phone < 0 && email < 0)) continue;
    used.add(t.el);
    const group = t.fact.caption || ctx.pageHeading;
    t.fact.rows.forEach((row, r) => {
      const n = row[name]?.text ?? '';
      if (!n) return;
      const p: PersonFact = {
        name: n,
        phones: phone >= 0 ? phonesInText(row[phone]?.text ?? '') : [],
        emails: email >= 0 ? emailsInText(row[email]?.text ?? '') : [],
      };
      if (pos >= 0 && row[pos]?.text) p.position = row[pos]!.text;
      const tr = parentEl(t.rows[r]![0]!);
      const photo = tr ? photoOf(ctx, tr) : undefined;
      if (photo) p.photo = photo;
      if (group) p.group = group;
      people.push(p);
    });
  }
  return { people, used };
}

export function extractPeople(ctx: PageContext, tables: TableInfo[], pageText: string): { people: PersonFact[]; tables: Set<El> } {
  // Cheap gate: no staff vocabulary, no staff cards (the text is NFC already). Cards without labels
  // show a position beside a phone or an e-mail.
  const labelledStaff = /chức vụ|chức danh|họ và tên|họ tên/i.test(pageText) || ctx.dom.els.some((e) => /person/i.test(attr(e, 'itemtype')));
  // A header's and a footer's hotline and e-mail are not staff cards: the contacts of two people are.
  const contacts = () =>
    new Set([
      ...phonesInText(pageText),
      ...emailsInText(pageText),
      ...ctx.dom.byTag('a').map((a) => attr(a, 'href').trim().toLowerCase()).filter((h) => /^(tel|mailto):/.test(h)),
    ]).size;
  const plainStaff = /hiệu trưởng|giáo viên|tổ trưởng|nhân viên|kế toán|bảo vệ/i.test(pageText) && contacts() >= 4;
  if (!labelledStaff && !plainStaff) return { people: [], tables: new Set() };
  const staff = staffTables(ctx, tables);
  const skip = (el: El) => {
    if (ctx.menuRoot(el)) return true;
    for (const t of staff.used) if (ctx.dom.contains(t, el)) return true;
    return false;
  };
  const cards = groupCards(ctx, findHits(ctx, skip));
  const out: PersonFact[] = [...staff.people];
  const seen = new Set<string>();
  for (const [card, hits] of cards) {
    const heading = ctx.blockHeading(card);
    const p = personOf(ctx, card, hits, heading?.text || ctx.pageHeading);
    if (!p) continue;
    const key = `${p.name}\u0000${p.position ?? ''}\u0000${p.group ?? ''}\u0000${p.phones.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    ctx.contentBlocks.push(card);
  }
  return { people: out, tables: staff.used };
}

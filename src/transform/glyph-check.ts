/**
 * Glyph coverage, checked once before any writer runs: every character must be in its role's
 * face or in the fallback face. Characters that no face has are input errors naming the
 * character, its code point and file:line. (The PDF writer splits runs by the same rule.)
 */
import { ELEMENTS, HEADING_ELEMENTS, type FontRole } from '../layout/gbt9704.js';
import type { Finding } from '../model/errors.js';
import { listItemLoc, tableRowLoc, type Contact, type Inline, type Loc, type Report } from '../model/types.js';
import { isCovered, statGrid } from '../layout/stat-grid.js';

export type GlyphRole = FontRole | 'fallback';
export type HasGlyph = (role: GlyphRole, codePoint: number) => boolean;

interface Text {
  text: string;
  role: FontRole;
  loc: Loc;
  /** A paragraph's lines as typed, where it has several: a character is named at its own line. */
  lines?: readonly string[];
}

/** The role an inline is set in: **bold** → 黑体, *emphasis* → 楷体, else the element's role. */
export const inlineRole = (i: Inline, role: FontRole): FontRole => (i.bold ? 'hei' : i.italic ? 'kai' : role);

/** An inline run's texts, each in the role it is set in. */
function pushInlines(out: Text[], inlines: Inline[], role: FontRole, loc: Loc, lines?: readonly string[]): void {
  for (const i of inlines) out.push({ text: i.text, role: inlineRole(i, role), loc, ...(lines ? { lines } : {}) });
}

/** Each report's texts, kept while the report lives: both checks below read them. */
const textsOfReport = new WeakMap<Report, Text[]>();

/**
 * Every text of the report with its role and place. A list, not a generator: this runs for each
 * report of a batch, and V8 compiled the generator, large with its yields, again and again.
 */
function textsOf(report: Report): Text[] {
  let out = textsOfReport.get(report);
  if (!out) textsOfReport.set(report, (out = collectTexts(report)));
  return out;
}

function collectTexts(report: Report): Text[] {
  const out: Text[] = [];
  const m = report.meta;
  const at = (field: keyof typeof m): Loc => ({ file: report.source.file, line: report.metaLines[field] ?? report.source.line });
  out.push({ text: m.title, role: ELEMENTS.title.role, loc: at('title') });
  for (const field of ['source', 'organ', 'indexNo', 'category', 'docNo', 'validity'] as const) {
    const t = m[field];
    if (t) out.push({ text: t, role: ELEMENTS.metaBlock.role, loc: at(field) });
  }
  if (m.editor) out.push({ text: m.editor, role: ELEMENTS.endMatter.role, loc: at('editor') });
  if (m.signature) out.push({ text: m.signature, role: ELEMENTS.signature.role, loc: at('signature') });
  for (const b of report.blocks) {
    switch (b.type) {
      case 'heading':
        pushInlines(out, b.inlines, ELEMENTS[HEADING_ELEMENTS[b.level - 1]].role, b.loc);
        if (b.runIn) pushInlines(out, b.runIn, ELEMENTS.body.role, b.loc);
        break;
      case 'paragraph':
        pushInlines(out, b.inlines, ELEMENTS.body.role, b.loc, b.sourceLines);
        break;
      // (each item, and each table row, at its own line: a character was named at the block's
      // first, a glyph audit)
      case 'list':
        b.items.forEach((item, k) => pushInlines(out, item, ELEMENTS.body.role, listItemLoc(b, k)));
        break;
      case 'table':
        for (const c of b.header) pushInlines(out, c, ELEMENTS.tableHeader.role, b.loc);
        b.rows.forEach((r, k) => { for (const c of r) pushInlines(out, c, ELEMENTS.tableText.role, tableRowLoc(b, k + 1)); });
        break;
    }
  }
  for (const a of report.attachments) {
    out.push({ text: a.title, role: ELEMENTS.attachmentTitle.role, loc: a.loc });
    out.push({ text: a.title, role: ELEMENTS.attachmentNote.role, loc: a.loc });
    if (a.note) pushInlines(out, a.note.inlines, ELEMENTS.body.role, a.note.loc);
  }
  const stats = report.statistics;
  if (stats) {
    const sloc = { file: stats.file, line: 1 };
    for (const t of stats.template.tables) {
      for (const row of statGrid(t, stats.values).rows) {
        for (const slot of row) if (!isCovered(slot)) out.push({ text: slot.text, role: slot.role === 'value' || slot.role === 'label' ? 'fang' : 'hei', loc: sloc });
      }
    }
  }
  return out;
}

export interface MissingGlyph {
  char: string;
  codePoint: number;
  loc: Loc;
}

/** C0 and C1 control characters, DEL, and the line and paragraph separators: no font prints them as characters. */
const isControl = (cp: number): boolean => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029;
/** Hangul fillers, which fonts that have them draw blank: pasted, they print a gap. */
const BLANK_FILLERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0]);
/** Unicode's noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, …): no text holds them, and an XML part with U+FFFE or U+FFFF is not XML. */
const isNoncharacter = (cp: number): boolean => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
/**
 * What is no character to print however the fonts are set up: control characters, separators,
 * blank fillers, U+FFFD and noncharacters. --allow-missing-glyphs waives the characters the fonts
 * lack, not these (a U+FFFF let through made the DOCX unreadable: DOCX audit).
 */
const isNotText = (cp: number): boolean => isControl(cp) || BLANK_FILLERS.has(cp) || cp === 0xfffd || isNoncharacter(cp);

export function findMissingGlyphs(report: Report, has: HasGlyph): MissingGlyph[] {
  const out: MissingGlyph[] = [];
  const seen = new Set<string>();
  /** `role`: the face it is printed in; none for a field that is not printed, where only what is no text counts. */
  const look = (text: string, at: Loc, role?: FontRole, lines?: readonly string[]) => {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      // (whitespace passes, but a vertical tab or form feed, \s too, is a control character, and so
      // are U+0085 and the line and paragraph separators U+2028 U+2029, which printed a box)
      if (/\s/u.test(ch) && !isControl(cp) || cp === 0x09 || cp === 0x0a || cp === 0x0d) continue;
      // (a control character is in no font as a character: Fandol maps U+0000–U+001F to an empty
      // glyph, which printed a blank gap where Word's non-breaking hyphen, U+001E, stood; a filler
      // that a font draws blank, U+3164, is no character either: adversarial audit)
      // (U+FFFD too, which the fallback face draws: a character lost in a conversion, review)
      if (!isNotText(cp) && (role === undefined || has(role, cp) || has('fallback', cp))) continue;
      const k = lines && at.line !== undefined ? lines.findIndex((l) => l.includes(ch)) : -1;
      const loc = k > 0 ? { ...at, line: at.line! + k } : at;
      const key = `${ch}@${loc.file}:${loc.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ char: ch, codePoint: cp, loc });
    }
  };
  for (const t of textsOf(report)) look(t.text, t.loc, t.role, t.lines);
  // fields that are not printed but go into the PDF's and the DOCX's properties (keywords) or are
  // read for later use: no font needs them, but what is no text is none there either
  const m = report.meta;
  const at = (field: keyof Report['metaLines']): Loc => ({ file: report.source.file, line: report.metaLines[field] ?? report.metaLines.contact ?? report.source.line });
  for (const k of m.keywords) look(k, at('keywords'));
  if (m.site) look(m.site, at('site'));
  if (m.url) look(m.url, at('url'));
  for (const [key, v] of Object.entries(m.contact ?? {})) if (typeof v === 'string') look(v, at(`contact.${key as keyof Contact}`));
  return out;
}

const byCodePoint = (a: string, b: string): number => a.codePointAt(0)! - b.codePointAt(0)!;

/**
 * The characters drawn from the fallback face wherever the report has them: in its text, lacking
 * from the face of every role they are set in, present in the fallback face. In code point
 * order; '' when there are none. The DOCX names the fallback font for them
 * (write/docx/fallback-font.ts), as the PDF draws them from it.
 */

export function fallbackChars(report: Report, has: HasGlyph): string {
  return fallbackCharSets(report, has).chars;
}

/**
 * `chars` as fallbackChars; `byRole`: for each role, the characters set in it that its face lacks
 * and the fallback face has — 埇 in a 小标宋 title (a GB 2312 face) though 仿宋 has it in the body
 * (a layout audit: the title's 埇 named no font, and Word set it in a face of its choosing).
 */
export function fallbackCharSets(report: Report, has: HasGlyph): { chars: string; byRole: Partial<Record<FontRole, string>> } {
  // each character looked at once a role (a report sets some 1,000 characters some 10,000 times)
  const byRole = new Map<FontRole, Map<string, boolean>>(); // role → character → lacking there
  for (const t of textsOf(report)) {
    let seen = byRole.get(t.role);
    if (!seen) byRole.set(t.role, (seen = new Map()));
    for (const ch of t.text) {
      if (seen.has(ch)) continue;
      const cp = ch.codePointAt(0)!;
      seen.set(ch, !/\s/u.test(ch) && !has(t.role, cp) && has('fallback', cp));
    }
  }
  const present = new Set<string>();
  const absent = new Set<string>();
  for (const seen of byRole.values()) for (const [ch, lacking] of seen) (lacking ? present : absent).add(ch);
  const sorted = (s: Iterable<string>) => [...s].sort(byCodePoint).join('');
  return {
    chars: sorted([...present].filter((ch) => !absent.has(ch))),
    byRole: Object.fromEntries([...byRole].flatMap(([role, seen]) => {
      const lacking = [...seen].filter(([, v]) => v).map(([ch]) => ch);
      return lacking.length ? [[role, sorted(lacking)]] : [];
    })),
  };
}

/**
 * The roles whose face lacks much of the Chinese text set in it: five characters or more, and a
 * quarter of those it sets (the title's face sets some twenty: a review). They print from the fallback face (a 宋体), so the text of that role is
 * not in its face: a face configured without Chinese characters (a Latin font named as 仿宋) set
 * the body in 宋体 without a word (a bad-input audit). The bundled faces lack a few rare ones
 * (埇 堃 喆), far from that, and are not judged (`bundled`): a title of rare names lacks many in
 * FandolSong Bold, and the warning told to leave songBold out for the bundled face, which it was
 * (a rare-character audit). A warning per role, at the first place of a character it lacks.
 */
export function thinFaceFindings(report: Report, has: HasGlyph, bundled: (role: FontRole) => boolean): Finding[] {
  const byRole = new Map<FontRole, { chars: Set<number>; lacking: number[]; at?: Loc }>();
  for (const t of textsOf(report)) {
    if (bundled(t.role)) continue;
    let r = byRole.get(t.role);
    // (judged on a role's first THIN_SAMPLE characters: a face that lacks much lacks it early, and
    // the text is long — 2.8 ms of a cold build for every character of it)
    if (r && r.chars.size >= THIN_SAMPLE) continue;
    const text = t.text;
    for (let k = 0; k < text.length; k++) {
      const cp = text.charCodeAt(k); // (the BMP's Chinese characters: a sample needs no more)
      if (!((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf))) continue;
      if (!r) byRole.set(t.role, (r = { chars: new Set(), lacking: [] }));
      if (r.chars.has(cp)) continue;
      r.chars.add(cp);
      if (!has(t.role, cp)) {
        r.lacking.push(cp);
        r.at ??= t.loc;
      }
      if (r.chars.size >= THIN_SAMPLE) break;
    }
  }
  const findings: Finding[] = [];
  for (const [role, r] of byRole) {
    if (r.lacking.length < 5 || r.lacking.length * 4 < r.chars.size) continue;
    findings.push({
      severity: 'warning', loc: r.at!,
      message: `the ${role} face lacks ${r.lacking.length} of ${r.chars.size === THIN_SAMPLE ? 'the first' : 'the'} ${r.chars.size} Chinese characters set in it (${String.fromCharCode(...r.lacking.slice(0, 6))}…): they print from the fallback face, not in ${role}'s`,
      hint: `give fonts: ${role}: a face with Chinese characters in gongwen.yaml (README "Fonts"), or leave ${role} out for the bundled one`,
    });
  }
  return findings;
}

/** The distinct Chinese characters of a role its face is judged on. */
const THIN_SAMPLE = 200;

export const codePointLabel = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * One error per character, at its first place, with how many more places have it (a font that
 * lacks a whole script would otherwise give thousands of lines). `allowMissing`
 * (--allow-missing-glyphs): the characters the fonts lack are warnings; what is no text stays an error.
 */
export function missingGlyphFindings(missing: MissingGlyph[], allowMissing = false): Finding[] {
  const found = (m: MissingGlyph, message: string, hint: string): Finding =>
    ({ severity: allowMissing && !isNotText(m.codePoint) ? 'warning' : 'error', loc: m.loc, message, hint });
  const byChar = new Map<string, MissingGlyph[]>();
  for (const m of missing) byChar.set(m.char, [...(byChar.get(m.char) ?? []), m]);
  const errors = [...byChar.values()].map((places) => {
    const m = places[0];
    const more = places.length > 1 ? ` (and ${places.length - 1} more place${places.length > 2 ? 's' : ''})` : '';
    // a private-use character (Word's Symbol-font bullet  U+F0B7, pasted with a list) means
    // something only in the font it came with
    if (m.codePoint >= 0xe000 && m.codePoint <= 0xf8ff) {
      return found(m, `character "${m.char}" (${codePointLabel(m.codePoint)}) is a private-use character, as Word's bullets from its Symbol font are: no font prints it as meant${more}`,
        'delete it; for a list, start each item\'s line with "- " (or "1. ")');
    }
    if (m.codePoint === 0x2028 || m.codePoint === 0x2029) {
      return found(m, `a ${m.codePoint === 0x2028 ? 'line' : 'paragraph'} separator (${codePointLabel(m.codePoint)}), invisible in an editor, would print as a box${more}`,
        'delete it; for a new paragraph, leave a blank line (press Enter twice)');
    }
    if (BLANK_FILLERS.has(m.codePoint)) {
      return found(m, `a filler character (${codePointLabel(m.codePoint)}), invisible in an editor, would print as a blank gap${more}`, 'delete it (an editor that shows invisible characters finds it, or search for its code point)');
    }
    if (isNoncharacter(m.codePoint)) {
      return found(m, `a noncharacter (${codePointLabel(m.codePoint)}), which no text holds: it would make the Word draft unreadable${more}${m.codePoint === 0xfffe ? ' (a byte-order mark read the wrong way round?)' : ''}`,
        'delete it (an editor that shows invisible characters finds it, or search for its code point)');
    }
    if (m.codePoint === 0xfffd) {
      return found(m, `character "\ufffd" (U+FFFD) stands for a character lost when the text was converted, or for a character reference that names none (&#0;, &#x1e;)${more}`, 'type the character that stood there');
    }
    if (isControl(m.codePoint)) {
      return found(m, `a control character (${codePointLabel(m.codePoint)}), invisible in an editor, would print as a blank gap${more}${m.codePoint === 0x1e ? ': Word\'s non-breaking hyphen is pasted as U+001E' : m.codePoint === 0x1f ? ': Word\'s optional hyphen is pasted as U+001F' : ''}`,
        m.codePoint === 0x1e ? 'type a hyphen (-) in its place' : 'delete it (an editor that shows invisible characters finds it, or search for its code point)');
    }
    // (a format character or a mark with nothing to sit on, invisible in an editor: said so, not as a character "" — a glyph audit)
    if (/^[\p{Cf}\p{Mn}\p{Me}]$/u.test(m.char)) {
      return found(m, `an invisible character (${codePointLabel(m.codePoint)}${m.codePoint >= 0xfe00 && m.codePoint <= 0xfe0f || m.codePoint >= 0xe0100 && m.codePoint <= 0xe01ef ? ', a variation selector that asks for a glyph variant of the character before it' : ''}) is in no configured font${more}`,
        'delete it (an editor that shows invisible characters finds it, or search for its code point)');
    }
    return found(m, `character "${m.char}" (${codePointLabel(m.codePoint)}) is in no configured font${more}`,
      'configure a fallback font that has it (gongwen.yaml fonts.fallback), or replace the character');
  });
  // (errors before warnings, so that what stops the build is named, not folded into "… and N
  // more" behind the characters --allow-missing-glyphs lets through: review)
  errors.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  if (errors.length > 20) {
    const rest = errors.length - 20;
    errors.splice(20, rest, { ...errors[20], severity: errors.slice(20).some((e) => e.severity === 'error') ? 'error' : errors[20].severity,
      message: `… and ${rest} more characters that no configured font has`, hint: 'check the font roles in gongwen.yaml: one of them may lack a whole script' });
  }
  return errors;
}

/**
 * Fonts at the edge: which file plays which role, loading (once per process), coverage checks.
 *
 * Roles (gbt9704.md §3.3): song 宋体 (page numbers), songBold (title, stands in for 小标宋),
 * hei 黑体, fang 仿宋, kai 楷体, and fallback: a broad-coverage face for characters the role
 * font lacks. An office points roles at its licensed fonts in gongwen.yaml (see README).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FontRole } from '../layout/gbt9704.js';
import { InputError } from '../model/errors.js';
import { closest } from '../read/validate.js';
import { normaliseVerticalMetrics } from './font-metrics.js';
import { shareDecodedTables } from './font-table-cache.js';
import { flattenCffSubsets, nameFaceFile } from './cff-subset.js';
import { useSimpleShaping } from './simple-shaping.js';
import { useFastCmap } from './cmap-lookup.js';
import { loadFontkit, type Font } from './fontkit.js';
import { BUNDLED_FACES, BUNDLED_FONT_DIR } from './bundled-fonts.js';
import { outlineRead, readFontFile, readRest, releaseFontFile } from './sparse-font.js';

export type FaceRole = FontRole | 'fallback';
export const FACE_ROLES: readonly FaceRole[] = ['song', 'songBold', 'hei', 'fang', 'kai', 'fallback'];

export interface FaceSpec {
  /** Font file (OTF, TTF or TTC). */
  file: string;
  /** PostScript name of the face inside a TTC collection. */
  postscriptName?: string;
  /** Font name written into the DOCX (what Word/WPS look up on the reader's machine). */
  name: string;
  /** Where a configured face is given (gongwen.yaml, its file: line), for the error when it is no font. */
  from?: { file: string; line?: number; role: string };
}

export type FontConfig = Record<FaceRole, FaceSpec>;


/** The bundled faces' files, by full path. */
const BUNDLED_FILES = new Set(Object.values(BUNDLED_FACES).map((f) => path.resolve(BUNDLED_FONT_DIR, f)));

/** Whether a role's face is one of the bundled files (not an office's own font). */
export const isBundledFace = (spec: FaceSpec): boolean => BUNDLED_FILES.has(path.resolve(spec.file));

export function defaultFontConfig(): FontConfig {
  const f = (role: FaceRole, name: string): FaceSpec => ({ file: path.join(BUNDLED_FONT_DIR, BUNDLED_FACES[role]), name });
  return {
    song: f('song', '宋体'),
    songBold: f('songBold', '方正小标宋简体'),
    hei: f('hei', '黑体'),
    fang: f('fang', '仿宋'),
    kai: f('kai', '楷体'),
    fallback: f('fallback', 'Noto Serif CJK SC'),
  };
}

/**
 * The font roles of the `fonts:` value of a gongwen.yaml config file (parsed by io/config.ts), e.g.
 *   fonts:
 *     fang: { file: /usr/share/fonts/gov/FangSong_GB2312.ttf, name: 仿宋_GB2312 }
 * Relative paths are relative to the config file. Roles not given keep the bundled font.
 */
export function fontConfigFrom(fonts: unknown, configFile: string, lineOf: (path: string[]) => number | undefined = () => undefined): FontConfig {
  const config = defaultFontConfig();
  if (fonts !== undefined && fonts !== null && (typeof fonts !== 'object' || Array.isArray(fonts))) {
    throw new InputError({ file: configFile, ...(lineOf(['fonts']) !== undefined ? { line: lineOf(['fonts'])! } : {}) }, '"fonts" must be a mapping of font roles',
      'e.g. fonts:\n    fang: { file: fonts/FangSong_GB2312.ttf, name: 仿宋_GB2312 }');
  }
  for (const [role, spec] of Object.entries((fonts ?? {}) as Record<string, Partial<FaceSpec> | null>)) {
    const at = (key?: string) => {
      const line = lineOf(key ? ['fonts', role, key] : ['fonts', role]);
      return { file: configFile, ...(line !== undefined ? { line } : {}) };
    };
    if (!FACE_ROLES.includes(role as FaceRole)) {
      const guess = closest(role, FACE_ROLES);
      throw new InputError(at(), `unknown font role "${role}"`, `${guess ? `did you mean "${guess}"? ` : ''}roles are: ${FACE_ROLES.join(', ')}`);
    }
    if (!spec?.file) throw new InputError(at(), `font role "${role}" needs a file:`, `give the font file: ${role}: { file: fonts/xxx.ttf }`);
    if (typeof spec.file !== 'string') throw new InputError(at('file'), `the file of font role "${role}" must be a path`, `e.g. ${role}: { file: fonts/xxx.ttf }`);
    const file = path.resolve(path.dirname(configFile), spec.file);
    if (!existsSync(file)) {
      throw new InputError(at('file'), `font file for role "${role}" not found: ${file}`,
        'give the font file\'s path, relative to this gongwen.yaml (or absolute), or leave the role out for the bundled font');
    }
    config[role as FaceRole] = { file, postscriptName: spec.postscriptName, name: spec.name ?? config[role as FaceRole].name, from: { ...at('file'), role } };
  }
  return config;
}

export interface LoadedFace {
  spec: FaceSpec;
  /** Font bytes with normalised vertical metrics, as given to pdfmake. */
  data: Buffer;
  font: Font;
}

export interface FontSet {
  config: FontConfig;
  /** fontStamp(config) when the set was opened, before any of its files was read (io/up-to-date.ts). */
  stamp: string;
  face(role: FaceRole): LoadedFace;
  /** Whether the role's face has a glyph for the code point (and draws it as that character: MISDRAWN). */
  has(role: FaceRole, codePoint: number): boolean;
  /** Whether the role's face has the code point but draws another character's outline for it (MISDRAWN). */
  misdrawn(role: FaceRole, codePoint: number): boolean;
  /** Advance width in pt of `text` at `size`, laid out as pdfkit lays it out (fontkit, default features). */
  advance(role: FaceRole, text: string, size: number): number;
  /** advance(role, String.fromCharCode(unit), size), without making the string (one UTF-16 unit, not a surrogate). */
  advanceOfUnit(role: FaceRole, unit: number, size: number): number;
  /** The right edge of the ink of the role's glyph for the code point, in em (write/pdf/lines.ts: a mark at a line's end). */
  inkRight(role: FaceRole, codePoint: number): number;
}

const loaded = new Map<string, LoadedFace>();

interface CffTable { stream: { buffer: Uint8Array }; topDict: { CharStrings: { offset: number; length: number }[] } }

/**
 * Read the parts of a face that every build reads — its metrics and the outline of its last
 * glyph, to their ends — so that a damaged file (cut short, or overwritten in places) is
 * reported when it is opened, by its name, and not as an internal error halfway through a PDF.
 */
function checkReadable(font: Font): void {
  const last = font.numGlyphs - 1;
  if (!(font.getGlyph(last).advanceWidth >= 0)) throw new Error('its glyph metrics cannot be read');
  const tables = (font as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables;
  if (tables['CFF ']) {
    const cff = (font as unknown as Record<string, CffTable | null | undefined>)['CFF '];
    const outline = cff?.topDict.CharStrings[last];
    if (!cff || !outline || outline.length < 0 || outline.offset + outline.length > cff.stream.buffer.length) {
      throw new Error('its CFF outlines cannot be read');
    }
  } else {
    void font.getGlyph(last).path; // TrueType outlines (glyf, loca)
  }
}

/** The error for a file that cannot be read or opened as a font. */
// (a configured face: named at its file: line in gongwen.yaml, with the role — a bad-input audit
// found the font's path alone)
const notAFont = (spec: FaceSpec, e: unknown) => new InputError(spec.from ? { file: spec.from.file, ...(spec.from.line !== undefined ? { line: spec.from.line } : {}) } : { file: spec.file },
  // (fontkit's own words say what it tripped on, not that the file is no font: 'The value of "offset" is out of range')
  `${spec.from ? `the font file of role "${spec.from.role}", ${spec.file}, ` : ''}${e instanceof RangeError || /out of range|Unknown font format|unsupported/i.test((e as Error).message) ? 'cannot be used as a font: it is not a font file, or a damaged one' : `cannot be used as a font (${(e as Error).message})`}`,
  spec.postscriptName ? `check postscriptName "${spec.postscriptName}": it names a face inside a .ttc collection` : 'give an OpenType (.otf), TrueType (.ttf) or collection (.ttc) font file in gongwen.yaml');

function loadFace(spec: FaceSpec): LoadedFace {
  const key = `${spec.file}#${spec.postscriptName ?? ''}`;
  const hit = loaded.get(key);
  if (hit) return hit;
  let data: Buffer;
  try {
    data = readFontFile(spec.file);
  } catch (e) {
    throw notAFont(spec, e);
  }
  try {
    const face = openFace(spec, data);
    loaded.set(key, face);
    return face;
  } catch (e) {
    releaseFontFile(data); // a face read in part keeps its file open: not this one
    throw e;
  }
}

function openFace(spec: FaceSpec, data: Buffer): LoadedFace {
  let opened: ReturnType<ReturnType<typeof loadFontkit>["create"]>;
  try {
    normaliseVerticalMetrics(data);
    opened = loadFontkit().create(data, spec.postscriptName);
    // (read through unless it is one of the bundled faces themselves: another file in fonts/, named
    // in gongwen.yaml, is an office's own, review)
    nameFaceFile(data, spec.file, !isBundledFace(spec));
  } catch (e) {
    throw notAFont(spec, e);
  }
  if (!opened || !('hasGlyphForCodePoint' in opened)) {
    throw new InputError({ file: spec.file }, 'the font file is a collection', 'name the face with postscriptName: in gongwen.yaml');
  }
  try {
    checkReadable(opened as Font);
  } catch (e) {
    const why = e instanceof RangeError ? 'the file ends before its tables do (it is cut short)' : (e as Error).message;
    throw new InputError({ file: spec.file }, `is damaged: ${why}`,
      'copy the font file again from its source, or give another font file for this role in gongwen.yaml');
  }
  // checkReadable asked for the last glyph's outline: if it was not read from the file, outlines
  // do not go through the INDEX hook io/sparse-font.ts relies on, and the face is read whole
  if (!outlineRead(data, (opened as Font).numGlyphs - 1)) readRest(data);
  shareDecodedTables(opened);
  useFastCmap(opened);
  useSimpleShaping(opened as Font);
  if ((opened as unknown as Record<string, unknown>)['CFF ']) flattenCffSubsets((opened as Font).createSubset());
  return { spec, data, font: opened as Font };
}

/** Fonts are opened lazily and kept for the life of the process. */
/**
 * The faces of a font configuration as they are on disk now: each role's file by path, size and
 * modification time, its face and the font name the DOCX carries. Taken when a font set opens,
 * before it reads a file, so a file replaced later makes a record taken with it stale, never
 * the other way round (io/up-to-date.ts).
 */
export function fontStamp(config: FontConfig): string {
  return Object.entries(config).map(([role, f]) => {
    const s = statSync(f.file, { throwIfNoEntry: false });
    return `${role} ${f.file} ${s ? `${s.size}:${s.mtimeMs}` : 'missing'} ${f.postscriptName ?? ''} ${f.name}`;
  }).join('\n');
}

/**
 * Characters a face maps to another character's outline, so that it prints a wrong sign: every
 * Fandol face (the bundled ones) draws ￥ U+FFE5 with the outline of ＄ U+FF04 (the same glyph
 * data under another id; found by comparing each face's outlines of all its non-Han characters —
 * the other shared outlines are look-alikes, Latin A and Greek Α). A face counts as not having
 * such a character, so the fallback face draws it, as any character the role face lacks
 * (in the PDF; the DOCX, set in the fonts its names call for — 仿宋, not Fandol — leaves it to
 * them). Other faces are trusted.
 */
const MISDRAWN: readonly { face: RegExp; codePoints: ReadonlySet<number> }[] = [
  { face: /^Fandol/, codePoints: new Set([0xffe5]) },
];

/**
 * Symbols that Chinese text sets one em wide (GB 2312's, and box drawing) which a Fandol face
 * draws narrower or wider — ※ 0.65 em, § 0.44, ℃ 0.94, ‰ 1.17, ↑ 0.5, ═ 0.89 (measured against
 * Noto Serif CJK SC, which draws each of them one em wide): a line holding one left the
 * 28-column grid by the difference. Where the face's advance is not one em, the face counts as
 * not having the symbol, as a misdrawn one, so that the fallback face draws it on the grid.
 */
const OFF_GRID_SYMBOLS = new Set([
  0xa7, 0x2016, 0x2030, 0x203b, 0x2103, 0x2105, 0x2109, 0x2163, ...span(0x2190, 0x2193), ...span(0x2196, 0x2199), 0x2295,
  ...span(0x2550, 0x2573), ...span(0x2581, 0x258f), 0x2594, 0x2595, 0x25bc, 0x25bd, ...span(0x25e2, 0x25e5), 0x2609, 0x2640, 0x2642,
]);
function span(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/**
 * The arrows, drawn all from one face: FandolHei draws ← → one em wide and ↑ ↓ half of one, so
 * ↑ ↓ came from the fallback face and ← → from FandolHei, in two weights side by side (a layout
 * audit). Where a face draws one of them off the grid, all of them are drawn from the fallback.
 */
const ARROWS = [0x2190, 0x2191, 0x2192, 0x2193, 0x2196, 0x2197, 0x2198, 0x2199];
const offGrid = (font: Font, cp: number): boolean => font.hasGlyphForCodePoint(cp) && font.glyphForCodePoint(cp).advanceWidth !== font.unitsPerEm;

function misdrawn(font: Font, cp: number): boolean {
  if (OFF_GRID_SYMBOLS.has(cp) && /^Fandol/.test(font.postscriptName ?? '')) return ARROWS.includes(cp) ? ARROWS.some((a) => offGrid(font, a)) : offGrid(font, cp);
  return MISDRAWN.some((m) => m.codePoints.has(cp) && m.face.test(font.postscriptName ?? ''));
}

export function openFontSet(config: FontConfig = defaultFontConfig()): FontSet {
  const stamp = fontStamp(config);
  const faces = new Map<FaceRole, LoadedFace>();
  const coverage = new Map<FaceRole, Map<number, boolean>>();
  const advances = new Map<FaceRole, Map<string, number>>();
  const unitAdvances = new Map<FaceRole, Map<number, number>>();
  const inks = new Map<string, number>();
  /** A text's advance in em, as pdfkit lays it out. */
  const ems = (role: FaceRole, text: string): number => {
    const font = face(role).font;
    return font.layout(text).advanceWidth / font.unitsPerEm;
  };
  const face = (role: FaceRole): LoadedFace => {
    let f = faces.get(role);
    if (!f) faces.set(role, (f = loadFace(config[role])));
    return f;
  };
  return {
    config,
    stamp,
    face,
    advance(role, text, size) {
      let m = advances.get(role);
      if (!m) advances.set(role, (m = new Map()));
      let units = m.get(text);
      if (units === undefined) {
        units = ems(role, text);
        if (m.size > 50_000) m.clear();
        m.set(text, units);
      }
      return units * size;
    },
    advanceOfUnit(role, unit, size) {
      let m = unitAdvances.get(role);
      if (!m) unitAdvances.set(role, (m = new Map()));
      let units = m.get(unit);
      if (units === undefined) m.set(unit, (units = ems(role, String.fromCharCode(unit)))); // at most 65,536 entries
      return units * size;
    },
    inkRight(role, cp) {
      const key = `${role} ${cp}`;
      let em = inks.get(key);
      if (em === undefined) {
        const font = face(role).font;
        try {
          em = font.glyphForCodePoint(cp).bbox.maxX / font.unitsPerEm;
        } catch {
          em = Infinity; // (an outline that cannot be read: the mark is set whole; embedding the face says it is damaged)
        }
        inks.set(key, em);
      }
      return em;
    },
    misdrawn(role, cp) {
      return (OFF_GRID_SYMBOLS.has(cp) || MISDRAWN.some((m) => m.codePoints.has(cp))) && face(role).font.hasGlyphForCodePoint(cp) && misdrawn(face(role).font, cp);
    },
    has(role, cp) {
      let m = coverage.get(role);
      if (!m) coverage.set(role, (m = new Map()));
      let v = m.get(cp);
      if (v === undefined) m.set(cp, (v = face(role).font.hasGlyphForCodePoint(cp) && !misdrawn(face(role).font, cp)));
      return v;
    },
  };
}

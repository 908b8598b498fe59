/**
 * Fix 16 of io/pdfkit-fixes.ts: page content streams without redundant or misplaced operators.
 *
 * pdfmake sets the whole state again before everything it draws. Before each text it calls
 * pdfkit's `opacity()` (`/Gs1 gs`) and `fill(colour)`, which writes a colour space, a colour and
 * the fill operator `f` — with no path to fill. Before each table rule it writes line width,
 * dash, join and cap, then the rule's path, then the stroke colour and opacity, then `S`. Two of
 * these break PDF 32000-1 §8.2 (figure 9): a painting operator may only end a path, and inside a
 * path (after `m`, before `S`) only path operators may come, not colours or `gs`. Viewers pass over
 * both. Without the repeats, a table page of the 2021 sample is 25 KB before compression, not 38.
 *
 * Every operator pdfkit writes to a page passes through here, in order (its kind read from the
 * line's character codes, `opKind`: no string per operator), and:
 * - a setting of the graphics state (`w`, `J`, `j`, `M`, `d`, a colour space with its colour, and
 *   `gs` of the opacity states pdfkit makes, by the opacities they set) that sets what is
 *   already in effect is left out.
 *   What is in effect is followed per page through `q`/`Q`; it starts unknown on each page, and
 *   becomes unknown where something else may set it: the line settings after any other `gs` (an
 *   ExtGState may set them too), the colours after `rg`, `g`, `k` and their stroking forms. Any
 *   other `gs` is always written (one with a soft mask is placed by the matrix at that moment);
 * - a path's operators are held until the operator that paints it, so that settings made while
 *   the path was built go before it (they take effect at painting either way); any other operator
 *   (text, `cm`, `q`…) writes the held path first, where it was;
 * - a painting operator when no path is open is left out (it paints nothing).
 * Everything else — text, images, transformations, marked content — goes through as written,
 * and whatever is held when a page ends is written before it ends. So every text and path is
 * painted with the state it was painted with before; tests compare that state, operator by
 * operator, with and without this filter, on both samples.
 */

/** The settings followed: the operator line that set each, or undefined where unknown. */
interface GraphicsState {
  /** Fill and stroke opacity (ExtGState ca and CA). */
  ca?: number; CA?: number;
  w?: string; J?: string; j?: string; M?: string; d?: string;
  fillSpace?: string; fill?: string; strokeSpace?: string; stroke?: string;
}
interface Filter {
  state: GraphicsState;
  saved: GraphicsState[];
  /** Path operators not written yet. */
  path: string[];
  /** A path is being built (its operators held or, before an out-of-place operator, written). */
  open: boolean;
  /** A colour space operator waiting for its colour. */
  heldFill?: string;
  heldStroke?: string;
}
interface Page { write(data: unknown): unknown; end?(): unknown }
interface FilteredDoc {
  page: Page;
  addContent(data: unknown): unknown;
  /** pdfkit's opacity states: key → [dictionary, name]. */
  _opacityRegistry?: Record<string, [unknown, string]>;
}

/** Each page's filter (a page's stream may be written again after another page's, with bufferPages). */
const filters = new WeakMap<object, Filter>();
/** Page classes whose `end` writes what is held first. */
const patchedPages = new WeakSet<object>();

/** Turned off by tests, to compare output with and without the filter. */
export const contentFilter = { enabled: true };

/** What the filter does with an operator. */
export const Op = {
  Other: 0, Path: 1, Paint: 2, FillSpace: 3, StrokeSpace: 4, FillColour: 5, StrokeColour: 6, Line: 7, Gs: 8,
  Save: 9, Restore: 10, ColourReset: 11,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

const code = (c: string): number => c.charCodeAt(0);
/** One-character operators by character code. */
const ONE = new Uint8Array(128);
for (const c of 'mlcvyh') ONE[code(c)] = Op.Path;
for (const c of 'fFSsBbn') ONE[code(c)] = Op.Paint;
for (const c of 'wJjMd') ONE[code(c)] = Op.Line;
for (const c of 'gkGK') ONE[code(c)] = Op.ColourReset;
ONE[code('q')] = Op.Save;
ONE[code('Q')] = Op.Restore;
/** Two- and three-character operators. */
const LONGER = new Map<string, Op>([
  ['re', Op.Path], ['f*', Op.Paint], ['B*', Op.Paint], ['b*', Op.Paint],
  ['cs', Op.FillSpace], ['CS', Op.StrokeSpace], ['sc', Op.FillColour], ['SC', Op.StrokeColour],
  ['scn', Op.FillColour], ['SCN', Op.StrokeColour], ['gs', Op.Gs], ['rg', Op.ColourReset], ['RG', Op.ColourReset],
]);
const SECOND = new Set([...LONGER.keys()].map((k) => k.charCodeAt(1)));

/**
 * The kind of a line's operator: the text after its last space (the whole line if it has none).
 * Read by character code: no string is made for a one-character operator, nor for a longer one
 * whose second character no operator the filter follows has (Tf, Tj, TJ, cm, BT …); the rest
 * (re, cs, scn, gs, Tc, Ts …) are sliced and looked up.
 */
export function opKind(data: string, space: number): Op {
  const n = data.length - space - 1;
  if (n === 1) {
    const c = data.charCodeAt(space + 1);
    return c < 128 ? (ONE[c] as Op) : Op.Other;
  }
  if ((n === 2 || n === 3) && SECOND.has(data.charCodeAt(space + 2))) return LONGER.get(data.slice(space + 1)) ?? Op.Other;
  return Op.Other;
}

function flushHeld(f: Filter, page: Page): void {
  if (f.heldFill !== undefined) {
    page.write(f.heldFill);
    f.state.fillSpace = f.heldFill;
    f.state.fill = undefined; // the space's initial colour
    f.heldFill = undefined;
  }
  if (f.heldStroke !== undefined) {
    page.write(f.heldStroke);
    f.state.strokeSpace = f.heldStroke;
    f.state.stroke = undefined;
    f.heldStroke = undefined;
  }
}

function flushPath(f: Filter, page: Page): void {
  for (const p of f.path) page.write(p);
  f.path.length = 0;
}

/** A colour operator (sc, scn, SC, SCN) for one side: left out if space and colour are in effect. */
function colour(f: Filter, page: Page, data: string, stroke: boolean): void {
  const held = stroke ? f.heldStroke : f.heldFill;
  const current = stroke ? f.state.strokeSpace : f.state.fillSpace;
  const space = held ?? current;
  if (stroke) f.heldStroke = undefined;
  else f.heldFill = undefined;
  if (space !== undefined && space === current && data === (stroke ? f.state.stroke : f.state.fill)) return;
  // a colour space already in effect need not be set again for a colour in it
  if (held !== undefined && held !== current) page.write(held);
  page.write(data);
  if (stroke) {
    f.state.strokeSpace = space;
    f.state.stroke = data;
  } else {
    f.state.fillSpace = space;
    f.state.fill = data;
  }
}

/** Write what is held for a page: before an operator not filtered, or at the page's end. */
function flushAll(f: Filter, page: Page): void {
  flushHeld(f, page);
  flushPath(f, page);
}

type Opacities = { ca?: number; CA?: number };
/** Per document: its opacity states' opacities by name, read from pdfkit's registry as names appear. */
const opacityNames = new WeakMap<object, Map<string, Opacities>>();

/**
 * The opacities an ExtGState pdfkit made for opacity sets (it sets `ca`, `CA` or both, nothing
 * else), from its key in pdfkit's registry (`${fill}_${stroke}`, "null" for one not set); undefined
 * for any other ExtGState. The registry only grows: it is read again only for a name not seen yet.
 */
function opacityState(doc: FilteredDoc, name: string): Opacities | undefined {
  let known = opacityNames.get(doc);
  if (!known) opacityNames.set(doc, (known = new Map()));
  if (!known.has(name)) {
    for (const [key, entry] of Object.entries(doc._opacityRegistry ?? {})) {
      const [fill, stroke] = key.split('_').map((v) => (v === 'null' || v === 'undefined' ? undefined : Number(v)));
      known.set(entry[1], { ca: fill, CA: stroke });
    }
  }
  return known.get(name);
}

function filterFor(doc: FilteredDoc): Filter {
  const page = doc.page;
  let f = filters.get(page);
  if (!f) {
    f = { state: {}, saved: [], path: [], open: false };
    filters.set(page, f);
    const proto = Object.getPrototypeOf(page) as Page;
    if (typeof proto.end === 'function' && !patchedPages.has(proto)) {
      patchedPages.add(proto);
      const end = proto.end;
      proto.end = function (this: Page) {
        const held = filters.get(this);
        if (held) flushAll(held, this);
        return end.call(this);
      };
    }
  }
  return f;
}

function filter(doc: FilteredDoc, data: string): void {
  const page = doc.page;
  const f = filterFor(doc);
  const space = data.lastIndexOf(' ');
  const kind = opKind(data, space);
  if (kind === Op.Path) {
    flushHeld(f, page);
    f.path.push(data);
    f.open = true;
  } else if (kind === Op.Paint) {
    flushHeld(f, page);
    if (!f.open) return; // nothing to paint (W n, the clip, ends a path too)
    flushPath(f, page);
    page.write(data);
    f.open = false;
  } else if (kind === Op.FillSpace || kind === Op.StrokeSpace) {
    // written with its colour, or before the next other operator: it resets the colour
    if (kind === Op.FillSpace) {
      if (f.heldFill !== undefined) flushHeld(f, page);
      f.heldFill = data;
    } else {
      if (f.heldStroke !== undefined) flushHeld(f, page);
      f.heldStroke = data;
    }
  } else if (kind === Op.FillColour || kind === Op.StrokeColour) {
    const stroke = kind === Op.StrokeColour;
    if (stroke ? f.heldFill !== undefined : f.heldStroke !== undefined) flushHeld(f, page);
    colour(f, page, data, stroke);
  } else if (kind === Op.Line) {
    flushHeld(f, page);
    const key = data[data.length - 1] as 'w' | 'J' | 'j' | 'M' | 'd';
    if (f.state[key] === data) return;
    f.state[key] = data;
    page.write(data);
  } else if (kind === Op.Gs) {
    flushHeld(f, page);
    const o = opacityState(doc, data.slice(1, space));
    if (o) {
      if ((o.ca === undefined || o.ca === f.state.ca) && (o.CA === undefined || o.CA === f.state.CA)) return;
      if (o.ca !== undefined) f.state.ca = o.ca;
      if (o.CA !== undefined) f.state.CA = o.CA;
    } else {
      // any other ExtGState may set line settings too, and is always written
      f.state = { fillSpace: f.state.fillSpace, fill: f.state.fill, strokeSpace: f.state.strokeSpace, stroke: f.state.stroke };
    }
    page.write(data);
  } else {
    flushAll(f, page); // inside a path this is out of place anyway: the path is written where it was
    if (kind === Op.Save) f.saved.push({ ...f.state });
    else if (kind === Op.Restore) f.state = f.saved.pop() ?? {};
    else if (kind === Op.ColourReset) f.state = { ...f.state, fillSpace: undefined, fill: undefined, strokeSpace: undefined, stroke: undefined };
    page.write(data);
  }
}

/** Wrap pdfkit's `addContent` (once per process) with the filter above. */
export function filterPageContent(proto: { addContent(data: unknown): unknown }): void {
  const addContent = proto.addContent;
  proto.addContent = function (this: FilteredDoc, data: unknown) {
    // one operator per call is what pdfkit writes; anything else is written as it is, and the
    // state is unknown after it
    if (!contentFilter.enabled || typeof data !== 'string' || data.includes('\n')) {
      const f = filters.get(this.page);
      if (f) {
        flushAll(f, this.page);
        f.state = {};
        f.saved = f.saved.map(() => ({}));
      }
      return addContent.call(this, data);
    }
    filter(this, data);
    return this;
  };
}

/**
 * Fix 16 of io/pdfkit-fixes.ts: page content streams without redundant or misplaced operators.
 *
 * pdfmake sets the whole state again before everything it draws. Before each text it calls
 * pdfkit's `opacity()` (`/Gs1 gs`) and `fill(colour)`, which writes a colour space, a colour and
 * the fill operator `f` — with no path to fill. Before each table rule it writes line width,
 * dash, join and cap, then the rule's path, then the stroke colour and opacity, then `S`. Two of
 * these break PDF 32000-1 §8.2 (figure 9): a painting operator may only end a path, and inside a
 * path (after `m`, before `S`) only path operators may come, not colours or `gs`. Viewers pass over
 * both; a page of the 2021 sample's tables carried ≈ 38 KB of such operators.
 *
 * Every operator pdfkit writes to a page passes through here, in order, and:
 * - a setting of the graphics state (`gs`, `w`, `J`, `j`, `M`, `d`, a colour space with its
 *   colour) that sets what is already in effect is left out; what is in effect is followed
 *   through `q`/`Q`, and starts unknown on each page and after anything not understood;
 * - a path's operators are held until the operator that paints it, so that settings made while
 *   the path was built go before it (they take effect at painting either way);
 * - a painting operator without a path is left out (it paints nothing).
 * Everything else — text, images, transformations, marked content — goes through as written. So
 * every text and path is painted with the state it was painted with before; tests compare that
 * state, operator by operator, with and without this filter, on both samples.
 */

/** The settings followed: the operator line that set each, or undefined where unknown. */
interface GraphicsState {
  gs?: string; w?: string; J?: string; j?: string; M?: string; d?: string;
  fillSpace?: string; fill?: string; strokeSpace?: string; stroke?: string;
}
interface Filter {
  content: object;
  state: GraphicsState;
  saved: GraphicsState[];
  /** Path operators not written yet. */
  path: string[];
  /** A colour space operator waiting for its colour. */
  heldFill?: string;
  heldStroke?: string;
}
interface Page { content: object; write(data: unknown): unknown }
interface FilteredDoc { page: Page; addContent(data: unknown): unknown; [FILTER]?: Filter }

const FILTER = Symbol('gongwen.contentFilter');

/** Turned off by tests, to compare output with and without the filter. */
export const contentFilter = { enabled: true };

const PATH = new Set(['m', 'l', 'c', 'v', 'y', 're', 'h']);
const PAINT = new Set(['f', 'f*', 'F', 'S', 's', 'B', 'B*', 'b', 'b*', 'n']);
const SETTING = new Set(['gs', 'w', 'J', 'j', 'M', 'd']);

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

function filter(doc: FilteredDoc, data: string): void {
  const page = doc.page;
  let f = doc[FILTER];
  if (!f || f.content !== page.content) f = doc[FILTER] = { content: page.content, state: {}, saved: [], path: [] };
  const space = data.lastIndexOf(' ');
  const op = space < 0 ? data : data.slice(space + 1);
  if (PATH.has(op)) {
    flushHeld(f, page);
    f.path.push(data);
  } else if (PAINT.has(op)) {
    flushHeld(f, page);
    if (f.path.length === 0) return; // nothing to paint (W n, the clip, ends a path too)
    flushPath(f, page);
    page.write(data);
  } else if (op === 'cs' || op === 'CS') {
    // written with its colour, or before the next other operator: it resets the colour
    if (op === 'cs') {
      if (f.heldFill !== undefined) flushHeld(f, page);
      f.heldFill = data;
    } else {
      if (f.heldStroke !== undefined) flushHeld(f, page);
      f.heldStroke = data;
    }
  } else if (op === 'scn' || op === 'sc' || op === 'SCN' || op === 'SC') {
    const stroke = op === 'SCN' || op === 'SC';
    if (stroke ? f.heldFill !== undefined : f.heldStroke !== undefined) flushHeld(f, page);
    colour(f, page, data, stroke);
  } else if (SETTING.has(op)) {
    flushHeld(f, page);
    const key = op as 'gs' | 'w' | 'J' | 'j' | 'M' | 'd';
    if (f.state[key] === data) return;
    f.state[key] = data;
    page.write(data);
  } else {
    flushHeld(f, page);
    flushPath(f, page); // inside a path this is out of place anyway: kept where it was
    if (op === 'q') f.saved.push({ ...f.state });
    else if (op === 'Q') f.state = f.saved.pop() ?? {};
    else if (op === 'rg' || op === 'g' || op === 'k' || op === 'RG' || op === 'G' || op === 'K' || op === 'ri' || op === 'i') f.state = {};
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
      const f = this[FILTER];
      if (f && f.content === this.page.content) {
        flushHeld(f, this.page);
        flushPath(f, this.page);
        f.state = {};
        f.saved = f.saved.map(() => ({}));
      }
      return addContent.call(this, data);
    }
    filter(this, data);
    return this;
  };
}

/**
 * Speed: pdfmake's TextInlines.measure resolves 23 style properties for every inline (font,
 * size, colour, decoration, links, sup/sub …), each through StyleContextStack.getStyleProperty:
 * unless the inline sets the property itself, that pushes the inline on the style stack, makes a
 * closure and walks the stack from the top, its named styles through the style dictionary. A
 * report has ≈ 1,300 inlines, ≈ 27,000 such walks. In cold code they cost ≈ 20 ms of a one-report
 * build (3 %); each walk also made a closure and a Set.
 *
 * Within one measure call the stack does not change (measuring a text changes no style), so what
 * the stack gives for a property is the same for every inline of the call: it is looked up once
 * per call and property. An inline's own value still comes first, as in pdfmake; an inline with
 * named styles of its own (`style`) goes the original way, as does any call with another stack.
 *
 * Three steps, each giving what pdfmake gives:
 * 1. getStyleProperty, for the calls made inside a measure call (fix 15 since 2026-11-26).
 * 2. measure itself, where no inline of the call has named styles of its own or is a section
 *    (2026-11-27): the same assignments in the same order, each property read from the inline or
 *    from the stack's values, all 24 read once at the start of the call; no function call, closure,
 *    push and pop of the stack or map look-up per property and inline. The face pdfmake provides
 *    is asked for again only when the family, bold or italics differ from the inline before. Any
 *    other call takes step 1's way.
 * 3. StyleContextStack.getProperty, the walk itself: the same order and the same answers, without
 *    a closure and a Set for every walk; the list of named styles already visited (pdfmake's Set,
 *    which guards against styles that extend each other in a circle) is made only for a style
 *    that extends another.
 * Steps 2 and 3 took a batch of 100 units from 5,583 to 5,454 ms (medians of six alternating
 * runs, five of them faster); a warm PDF and a cold build, within noise (docs/speed.md item 21).
 */
import { oncePerProcess, pdfmakeModule, pdfmakePrototype } from './pdfmake-internals.js';

interface StyleStack { getProperty(property: string): unknown }
interface StyleStackFields extends StyleStack {
  styleOverrides?: unknown[];
  styleDictionary: Record<string, Record<string, unknown> | undefined>;
  defaultStyle?: Record<string, unknown>;
}
interface StyleContextStackClass {
  getStyleProperty(item: Record<string, unknown>, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown;
  prototype: StyleStackFields;
}
interface Font { lineHeight(fontSize: number): number }
interface Item {
  text: string;
  style?: unknown;
  section?: unknown;
  font?: unknown;
  bold?: unknown;
  italics?: unknown;
  alignment?: unknown;
  fontSize?: unknown;
  fontFeatures?: unknown;
  characterSpacing?: unknown;
  color?: unknown;
  decoration?: unknown;
  decorationColor?: unknown;
  decorationStyle?: unknown;
  decorationThickness?: unknown;
  background?: unknown;
  link?: unknown;
  linkToPage?: unknown;
  linkToDestination?: unknown;
  noWrap?: unknown;
  opacity?: unknown;
  sup?: unknown;
  sub?: unknown;
  lineHeight?: unknown;
  leadingIndent?: unknown;
  leadingCut?: unknown;
  trailingCut?: unknown;
  preserveLeadingSpaces?: unknown;
  preserveTrailingSpaces?: unknown;
  width?: number;
  height?: number;
}
interface TextInlinesProto {
  pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): Font };
  measure(array: Item[], stack: StyleStack | undefined): Item[];
  widthOfText(text: string, inline: Item): number;
}

/** pdfmake's isValue: neither undefined nor null. */
const isValue = (v: unknown): boolean => v !== undefined && v !== null;
/** pdfmake's isString. */
const isString = (v: unknown): boolean => typeof v === 'string' || v instanceof String;

// pdfmake's own (TextInlines.js); match() with the g flag gives the one anchored match
const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/** The stack of the measure call under way, and what it gave for each property so far. */
let current: { stack: StyleStack; values: Map<string, unknown> } | undefined;

/** What the stack gives for a property, or the default, as getStyleProperty gives it. */
function fromStack(c: { stack: StyleStack; values: Map<string, unknown> }, property: string, defaultValue: unknown): unknown {
  let value = c.values.get(property);
  if (value === undefined && !c.values.has(property)) c.values.set(property, (value = c.stack.getProperty(property)));
  return isValue(value) ? value : defaultValue;
}

/** A named style's value for a property, through the styles it extends (pdfmake's getStylePropertyFromStyle). */
function fromNamedStyle(dictionary: StyleStackFields['styleDictionary'], name: unknown, property: string, visited: unknown[] | undefined): unknown {
  if (visited !== undefined) {
    if (visited.includes(name)) return undefined;
    visited.push(name);
  }
  const style = dictionary[name as string];
  if (!style) return undefined;
  const own = style[property];
  if (isValue(own)) return own;
  if (style.extends) {
    const seen = visited ?? [name];
    const parents = Array.isArray(style.extends) ? (style.extends as unknown[]) : [style.extends];
    for (let i = parents.length - 1; i >= 0; i--) {
      const value = fromNamedStyle(dictionary, parents[i], property, seen);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

export const memoiseInlineStyles = oncePerProcess(() => {
  const scs = pdfmakeModule<StyleContextStackClass>('StyleContextStack');
  const inlines = pdfmakePrototype<TextInlinesProto>('TextInlines');

  // step 3
  scs.prototype.getProperty = function (this: StyleStackFields, property: string) {
    const overrides = this.styleOverrides;
    if (overrides) {
      for (let i = overrides.length - 1; i >= 0; i--) {
        const item = overrides[i];
        if (isString(item)) {
          const value = fromNamedStyle(this.styleDictionary, item, property, undefined);
          if (isValue(value)) return value;
        } else if (isValue((item as Record<string, unknown>)[property])) {
          return (item as Record<string, unknown>)[property];
        }
      }
    }
    return this.defaultStyle && this.defaultStyle[property];
  };

  // step 1
  const getStyleProperty = scs.getStyleProperty;
  scs.getStyleProperty = function (item, stack, property, defaultValue) {
    const own = item[property];
    if (isValue(own)) return own;
    const c = current;
    if (c === undefined || stack !== c.stack || typeof item !== 'object' || item.style !== undefined || item.section !== undefined) {
      return getStyleProperty.call(this, item, stack, property, defaultValue);
    }
    return fromStack(c, property, defaultValue);
  };

  // step 2
  const measure = inlines.measure;
  inlines.measure = function (this: TextInlinesProto, array, stack) {
    if (!stack) return measure.call(this, array, stack);
    for (const item of array) {
      if (typeof item !== 'object' || item.style !== undefined || item.section !== undefined) {
        const outer = current;
        current = { stack, values: new Map() };
        try {
          return measure.call(this, array, stack);
        } finally {
          current = outer;
        }
      }
    }
    measureEach(this, array, stack);
    return array;
  };
});

/** What a style stack gives for each property measure reads (getProperty's answer, undefined or null where it has none). */
function stackValues(stack: StyleStack) {
  const get = (property: string): unknown => stack.getProperty(property);
  return {
    leadingIndent: get('leadingIndent'), font: get('font'), bold: get('bold'), italics: get('italics'),
    alignment: get('alignment'), fontSize: get('fontSize'), fontFeatures: get('fontFeatures'),
    characterSpacing: get('characterSpacing'), color: get('color'), decoration: get('decoration'),
    decorationColor: get('decorationColor'), decorationStyle: get('decorationStyle'),
    decorationThickness: get('decorationThickness'), background: get('background'), link: get('link'),
    linkToPage: get('linkToPage'), linkToDestination: get('linkToDestination'), noWrap: get('noWrap'),
    opacity: get('opacity'), sup: get('sup'), sub: get('sub'), lineHeight: get('lineHeight'),
    preserveLeadingSpaces: get('preserveLeadingSpaces'), preserveTrailingSpaces: get('preserveTrailingSpaces'),
  };
}

/** getStyleProperty's answer from the inline's own value and the stack's. */
const pick = (own: unknown, fromStack: unknown, defaultValue: unknown): unknown =>
  isValue(own) ? own : isValue(fromStack) ? fromStack : defaultValue;

/**
 * pdfmake's TextInlines.measure for inlines without named styles or sections of their own: the
 * stack's values are read once for the call (pdfmake reads a property from the stack for every
 * inline that has no value of its own; the stack gives the same answer each time).
 */
function measureEach(inlines: TextInlinesProto, array: Item[], stack: StyleStack): void {
  if (!array.length) return;
  const s = stackValues(stack);
  const first = array[0]!;
  const leadingIndent = pick(first.leadingIndent, s.leadingIndent, 0) as number;
  if (leadingIndent) {
    first.leadingCut = -leadingIndent;
    first.leadingIndent = leadingIndent;
  }
  let lastFamily: unknown;
  let lastBold: unknown;
  let lastItalics: unknown;
  let lastFont: Font | undefined;
  for (const item of array) {
    const family = pick(item.font, s.font, 'Roboto');
    const bold = pick(item.bold, s.bold, false);
    const italics = pick(item.italics, s.italics, false);
    if (lastFont === undefined || family !== lastFamily || bold !== lastBold || italics !== lastItalics) {
      lastFont = inlines.pdfDocument.provideFont(family, bold, italics);
      lastFamily = family;
      lastBold = bold;
      lastItalics = italics;
    }
    const font = lastFont;
    item.font = font;
    item.alignment = pick(item.alignment, s.alignment, 'left');
    item.fontSize = pick(item.fontSize, s.fontSize, 12);
    item.fontFeatures = pick(item.fontFeatures, s.fontFeatures, null);
    item.characterSpacing = pick(item.characterSpacing, s.characterSpacing, 0);
    item.color = pick(item.color, s.color, 'black');
    item.decoration = pick(item.decoration, s.decoration, null);
    item.decorationColor = pick(item.decorationColor, s.decorationColor, null);
    item.decorationStyle = pick(item.decorationStyle, s.decorationStyle, null);
    item.decorationThickness = pick(item.decorationThickness, s.decorationThickness, null);
    item.background = pick(item.background, s.background, null);
    item.link = pick(item.link, s.link, null);
    item.linkToPage = pick(item.linkToPage, s.linkToPage, null);
    item.linkToDestination = pick(item.linkToDestination, s.linkToDestination, null);
    item.noWrap = pick(item.noWrap, s.noWrap, null);
    item.opacity = pick(item.opacity, s.opacity, 1);
    item.sup = pick(item.sup, s.sup, false);
    item.sub = pick(item.sub, s.sub, false);
    if (item.sup || item.sub) item.fontSize = (item.fontSize as number) * 0.58;
    const lineHeight = pick(item.lineHeight, s.lineHeight, 1) as number;
    item.width = inlines.widthOfText(item.text, item);
    item.height = font.lineHeight(item.fontSize as number) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!pick(item.preserveLeadingSpaces, s.preserveLeadingSpaces, false)) {
      const leadingSpaces = item.text.match(LEADING);
      if (leadingSpaces) item.leadingCut = (item.leadingCut as number) + inlines.widthOfText(leadingSpaces[0], item);
    }
    item.trailingCut = 0;
    if (!pick(item.preserveTrailingSpaces, s.preserveTrailingSpaces, false)) {
      const trailingSpaces = item.text.match(TRAILING);
      if (trailingSpaces) item.trailingCut = inlines.widthOfText(trailingSpaces[0], item);
    }
  }
}

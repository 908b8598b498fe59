/**
 * Inline styles looked up once per measure call and property (io/pdfmake-style-memo.ts): the
 * same values as pdfmake's own look-ups for every kind of inline — own values, named styles of
 * its own, styles that extend others, the stack's objects and named styles, the default style —
 * with far fewer walks of the style stack; measure's own loop (step 2) for calls whose inlines
 * have no named styles, and the walk itself (step 3), also through styles that extend each other
 * in a circle.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { memoiseInlineStyles } from '../src/io/pdfmake-style-memo.js';

const require = createRequire(import.meta.url);

interface Stack { push(s: unknown): void; getProperty(p: string): unknown }
const StyleContextStack = (require('pdfmake/js/StyleContextStack.js') as { default: { new (dict: object, def?: object): Stack; prototype: Stack } }).default;
const TextInlines = (require('pdfmake/js/TextInlines.js') as { default: new (doc: object) => { measure(a: object[], s: Stack): object[] } }).default;

/** A stand-in for pdfmake's PDFDocument: a font that names its choice and measures by length. */
const pdfDocument = {
  provideFont: (font: string, bold: boolean, italics: boolean) => ({
    name: `${font}/${bold}/${italics}`,
    widthOfString: (text: string, size: number) => text.length * size,
    lineHeight: (size: number) => size * 1.25,
  }),
};

const STYLES = {
  body: { font: 'Fang', fontSize: 16, lineHeight: 1.5 },
  strong: { bold: true, font: 'Hei' },
  red: { extends: 'body', color: 'red', decoration: 'underline' },
  sup: { sup: true },
};

const stacks = (): Stack[] => {
  const a = new StyleContextStack(STYLES, { font: 'Song', characterSpacing: 0.5 });
  a.push('body');
  a.push({ color: 'blue', alignment: 'justify' });
  const b = new StyleContextStack(STYLES, { font: 'Song' });
  b.push('red');
  b.push('strong');
  b.push({ noWrap: true });
  return [a, b];
};

const STYLES_IN_A_CIRCLE = {
  ...STYLES,
  a: { extends: 'b', color: 'teal' },
  b: { extends: ['a', 'body'], bold: true },
  c: { extends: ['b', 'a', 'strong'] },
};

/** Inlines without named styles of their own: measure's own loop (step 2) takes them. */
const plainItems = (): Record<string, unknown>[] => [
  { text: '　首行', leadingIndent: 32 },
  { text: '信息', bold: true, fontSize: 12 },
  { text: '2021 ', sup: true },
  { text: ' 年度 ', preserveLeadingSpaces: true, decoration: null },
  { text: '报告  ', preserveTrailingSpaces: true, italics: true },
  { text: '公开', characterSpacing: 0, link: 'https://example.org/', lineHeight: 2, font: 'Hei' },
  { text: '工作', sub: true, opacity: 0.5, color: null },
];

const items = (): Record<string, unknown>[] => [
  { text: '政府' },
  { text: '信息', bold: true, fontSize: 12 },
  { text: '公开', style: 'strong' },
  { text: '工作', style: ['red', 'sup'], color: 'green' },
  { text: ' 年度 ', noWrap: false, decoration: null },
  { text: '报告', characterSpacing: 0, link: 'https://example.org/' },
];

/** Every field measure sets, the font by the name of the face it chose. */
const fields = (measured: object[]): unknown[] =>
  measured.map((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k === 'font' ? (v as { name: string }).name : v])));

describe('inline styles looked up once per measure call', () => {
  it('give the inlines what pdfmake gives them, with fewer walks of the style stack', () => {
    const measureAll = () => {
      const inlines = new TextInlines(pdfDocument);
      return stacks().map((stack) => fields(inlines.measure(items(), stack)));
    };
    const measurePlain = () => {
      const inlines = new TextInlines(pdfDocument);
      return stacks().map((stack) => fields(inlines.measure(plainItems(), stack)));
    };
    const circle = () => {
      const stack = new StyleContextStack(STYLES_IN_A_CIRCLE, { font: 'Song' });
      const answers: unknown[] = [];
      for (const top of ['a', 'b', 'c', 'red', 'missing']) {
        stack.push(top);
        for (const p of ['color', 'bold', 'font', 'fontSize', 'decoration', 'alignment']) answers.push(stack.getProperty(p));
      }
      return answers;
    };
    let walks = 0;
    const counted = (getProperty: Stack['getProperty']) => function (this: Stack, p: string) { walks++; return getProperty.call(this, p); };
    const getProperty = StyleContextStack.prototype.getProperty;
    const countingOriginal = counted(getProperty);
    StyleContextStack.prototype.getProperty = countingOriginal;
    // calls of getStyleProperty (pdfmake's per inline and property; step 2 makes none)
    const scs = StyleContextStack as unknown as { getStyleProperty(...a: unknown[]): unknown };
    let styleCalls = 0;
    const countStyleCalls = () => {
      const getStyleProperty = scs.getStyleProperty;
      scs.getStyleProperty = function (this: unknown, ...a: unknown[]) { styleCalls++; return getStyleProperty.apply(this, a); };
      return getStyleProperty;
    };
    const ownGetStyleProperty = countStyleCalls();
    let restoreStyle = ownGetStyleProperty;
    try {
      // pdfmake's own look-ups (this file's modules are its own)
      const before = measureAll();
      const walksBefore = walks;
      walks = 0;
      styleCalls = 0;
      const plainBefore = measurePlain();
      const plainWalksBefore = walks;
      const plainStyleCallsBefore = styleCalls;
      scs.getStyleProperty = ownGetStyleProperty;
      const circleBefore = circle();
      memoiseInlineStyles();
      expect(StyleContextStack.prototype.getProperty, 'step 3 installed').not.toBe(countingOriginal);
      expect(scs.getStyleProperty, 'step 1 installed').not.toBe(ownGetStyleProperty);
      restoreStyle = countStyleCalls();
      StyleContextStack.prototype.getProperty = counted(StyleContextStack.prototype.getProperty);
      walks = 0;
      const after = measureAll();
      expect(after).toEqual(before);
      // one walk per call and property, and the inlines with named styles of their own (two of six) the old way
      expect(walks).toBeLessThan(walksBefore * 0.6);
      walks = 0;
      styleCalls = 0;
      expect(measurePlain()).toEqual(plainBefore);
      // step 2: measure's own loop, no getStyleProperty call (pdfmake: one per inline and property)
      expect(styleCalls).toBe(0);
      expect(plainStyleCallsBefore).toBeGreaterThan(100);
      // at most one walk per call and property: 25 properties, two calls (pdfmake: one per inline and property)
      expect(walks).toBeLessThanOrEqual(50);
      expect(plainWalksBefore).toBeGreaterThan(200);
      expect(circle()).toEqual(circleBefore);
      expect(circleBefore.slice(0, 6)).toEqual(['teal', true, 'Fang', 16, undefined, undefined]);
      // the look-ups tell the cases apart (else the comparison proves little)
      const [a, b] = before as Record<string, unknown>[][];
      expect(a!.map((i) => i.font)).toEqual(['Fang/false/false', 'Fang/true/false', 'Hei/true/false', 'Fang/false/false', 'Fang/false/false', 'Fang/false/false']);
      expect(a!.map((i) => i.color)).toEqual(['blue', 'blue', 'blue', 'green', 'blue', 'blue']);
      expect(a!.map((i) => i.fontSize)).toEqual([16, 12, 16, 16 * 0.58, 16, 16]);
      expect(a!.map((i) => i.characterSpacing)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0]);
      expect(b!.map((i) => [i.font, i.color, i.noWrap, i.decoration])).toEqual([
        ['Hei/true/false', 'red', true, 'underline'], ['Hei/true/false', 'red', true, 'underline'],
        ['Hei/true/false', 'red', true, 'underline'], ['Fang/true/false', 'green', true, 'underline'],
        ['Hei/true/false', 'red', false, 'underline'], ['Hei/true/false', 'red', true, 'underline'],
      ]);
    } finally {
      scs.getStyleProperty = restoreStyle;
      StyleContextStack.prototype.getProperty = getProperty;
    }
  });
});

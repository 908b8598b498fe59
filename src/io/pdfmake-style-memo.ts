/**
 * Speed: pdfmake's TextInlines.measure resolves 23 style properties for every inline (font,
 * size, colour, decoration, links, sup/sub …), each through StyleContextStack.getStyleProperty:
 * unless the inline sets the property itself, that pushes the inline on the style stack, makes a
 * closure and walks the stack from the top, its named styles through the style dictionary. A
 * report has ≈ 1,300 inlines, ≈ 27,000 such walks. In cold code they cost ≈ 20 ms of a one-report
 * build (3 %); warm, V8 makes them cheap and this gains nothing measurable (docs/speed.md 15).
 *
 * Within one measure call the stack does not change (measuring a text changes no style), so what
 * the stack gives for a property is the same for every inline of the call: it is looked up once
 * per call and property. An inline's own value still comes first, as in pdfmake; an inline with
 * named styles of its own (`style`) goes the original way, as does any call with another stack.
 */
import { oncePerProcess, pdfmakeModule, pdfmakePrototype } from './pdfmake-internals.js';

interface StyleStack { getProperty(property: string): unknown }
interface StyleContextStackClass {
  getStyleProperty(item: Record<string, unknown>, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown;
}
interface TextInlinesProto { measure(array: unknown[], stack: StyleStack | undefined): unknown }

/** pdfmake's isValue: neither undefined nor null. */
const isValue = (v: unknown): boolean => v !== undefined && v !== null;

/** The stack of the measure call under way, and what it gave for each property so far. */
let current: { stack: StyleStack; values: Map<string, unknown> } | undefined;

export const memoiseInlineStyles = oncePerProcess(() => {
  const scs = pdfmakeModule<StyleContextStackClass>('StyleContextStack');
  const inlines = pdfmakePrototype<TextInlinesProto>('TextInlines');
  const getStyleProperty = scs.getStyleProperty;
  scs.getStyleProperty = function (item, stack, property, defaultValue) {
    const own = item[property];
    if (isValue(own)) return own;
    const c = current;
    if (c === undefined || stack !== c.stack || typeof item !== 'object' || item.style !== undefined || item.section !== undefined) {
      return getStyleProperty.call(this, item, stack, property, defaultValue);
    }
    let value = c.values.get(property);
    if (value === undefined && !c.values.has(property)) c.values.set(property, (value = stack.getProperty(property)));
    return isValue(value) ? value : defaultValue;
  };
  const measure = inlines.measure;
  inlines.measure = function (array, stack) {
    if (!stack) return measure.call(this, array, stack);
    const outer = current;
    current = { stack, values: new Map() };
    try {
      return measure.call(this, array, stack);
    } finally {
      current = outer;
    }
  };
});

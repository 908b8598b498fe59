/** Page content streams of a PDF pdfkit wrote (no object streams, no cross-reference streams). */
import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';

export interface PageContent {
  content: string;
  /** The page's ExtGStates by name: their entries as written (e.g. "/ca 1 /CA 1"). */
  extGStates: Map<string, string>;
}

/** The decoded content streams of a PDF's pages, in page order, with their ExtGStates. */
export function pageContents(pdf: Buffer): PageContent[] {
  const text = pdf.toString('latin1');
  const object = (id: string): { dict: string; stream?: Buffer } => {
    const start = text.search(new RegExp(`(^|\\n)${id} 0 obj`));
    expect(start, `object ${id}`).toBeGreaterThanOrEqual(0);
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream\n');
    if (s < 0) return { dict: body };
    const from = start + s + 'stream\n'.length;
    const length = Number(/\/Length (\d+)/.exec(body)![1]);
    const raw = pdf.subarray(from, from + length);
    return { dict: body.slice(0, s), stream: /\/FlateDecode/.test(body.slice(0, s)) ? inflateSync(raw) : raw };
  };
  const kids = (id: string): string[] => {
    const { dict } = object(id);
    if (/\/Type \/Pages/.test(dict)) return [...(/\/Kids \[([^\]]*)\]/.exec(dict)![1]!.matchAll(/(\d+) 0 R/g))].flatMap((m) => kids(m[1]!));
    return [id];
  };
  const root = /\/Root (\d+) 0 R/.exec(text)![1]!;
  const pages = /\/Pages (\d+) 0 R/.exec(object(root).dict)![1]!;
  return kids(pages).map((page) => {
    const dict = object(page).dict;
    const contents = /\/Contents (\d+) 0 R/.exec(dict)![1]!;
    const resources = /\/Resources (\d+) 0 R/.exec(dict);
    const resDict = resources ? object(resources[1]!).dict : dict;
    const extGStates = new Map<string, string>();
    const gs = /\/ExtGState <<([^>]*)>>/.exec(resDict);
    for (const m of gs ? gs[1]!.matchAll(/\/(\w+) (\d+) 0 R/g) : []) {
      const entries = object(m[2]!).dict.replace(/^[\s\S]*?<<|>>[\s\S]*$/g, '').replace(/\/Type \/ExtGState/, '').trim().split(/\s*\n\s*/).filter(Boolean).sort();
      extGStates.set(m[1]!, entries.join(' '));
    }
    return { content: object(contents).stream!.toString('latin1'), extGStates };
  });
}

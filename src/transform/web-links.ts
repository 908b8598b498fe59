/**
 * Web and e-mail addresses in a report's text, and what each links to.
 *
 * The portal PDF makes them clickable (write/pdf/text.ts, io/pdfmake-links.ts): a reader of
 * 本报告电子版可在商丘市政府网（www.shangqiu.gov.cn）查询 or of an office's 电子邮箱 clicks them, as
 * in a PDF that Word saves. The text itself is not changed: the printed copy shows what was typed.
 * transform/punctuation.ts leaves the same addresses untouched.
 */
import { domainToASCII } from 'node:url';

/** `http://`, `https://` or `www.` and on to the last letter, figure or slash (a full stop or a comma after it is the sentence's). */
// (ASCII word characters spelt out: \w under the i and u flags also takes ſ and K, the Kelvin sign,
// which no address holds: DOCX audit)
// (a pair of round brackets in its path is the address's, https://…/a_(b).html; around it, or
// right after its host, the text's: (www.example.gov.cn), www.gov.cn(2024)年, www.henan.gov.cn(PC))
const URL_CHAR = String.raw`[A-Za-z0-9_\-.~:/?#@!$&'*+,;=%]`;
const HOST_CHAR = String.raw`[A-Za-z0-9_\-.~:@!$&'*+,;=%]`;
const PATH = String.raw`[/?#](?:${URL_CHAR}|\(${URL_CHAR}*\))*`;
export const WEB_ADDRESS = String.raw`(?:https?:\/\/|www\.)(?:${HOST_CHAR}*(?:${PATH}(?:[A-Za-z0-9_/]|\(${URL_CHAR}*\))|[/?#])|${HOST_CHAR}*[A-Za-z0-9_])`;
/** name@host.domain, from the start of its run of name characters. */
export const EMAIL_ADDRESS = String.raw`(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+`;

/**
 * An address with Chinese characters in it, in full-width brackets as a Markdown link's address is
 * printed (详见年报专栏（http://www.郑州.gov.cn/年报/2021.html）, 邮箱（张三@example.com）): whole, from
 * bracket to bracket, where the addresses above stop at the first Chinese character (they must,
 * or www.x.gov.cn查询 would take 查询 along). At least one character beyond ASCII: others are
 * the addresses above.
 */
const HAN_CHAR = String.raw`\u3400-\u9fff`;
const BRACKETED_WEB = String.raw`(?<=（)(?:https?:\/\/|www\.)[^\s（）\u3000-\u303f\uff00-\uffef]*[${HAN_CHAR}][^\s（）\u3000-\u303f\uff00-\uffef]*(?=）)`;
const BRACKETED_EMAIL = String.raw`(?<=（)[A-Za-z0-9_.+${HAN_CHAR}-]*[${HAN_CHAR}][A-Za-z0-9_.+${HAN_CHAR}-]*@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+(?=）)`;

// (no u flag: with i it folds K, the Kelvin sign, and ſ into k and s, DOCX audit)
const LINKED = new RegExp(`${BRACKETED_WEB}|${BRACKETED_EMAIL}|${WEB_ADDRESS}|${EMAIL_ADDRESS}`, 'gi');

/** A target with characters beyond ASCII as a URI: the host in punycode, the rest %-escaped (what a browser sends). */
function encoded(target: string): string {
  if (!/[^\x00-\x7f]/.test(target)) return target;
  if (/^mailto:/i.test(target)) {
    const [local, domain] = [target.slice(7, target.lastIndexOf('@')), target.slice(target.lastIndexOf('@') + 1)];
    return `mailto:${encodeURIComponent(local)}@${domainToASCII(domain) || domain}`;
  }
  try {
    return new URL(target).href;
  } catch {
    return encodeURI(target);
  }
}

export interface WebLink {
  /** Where the address starts and ends in the text (UTF-16 units, end exclusive). */
  from: number;
  to: number;
  /** The link's target: the address, `http://` before a bare `www.`, `mailto:` before an e-mail address. */
  href: string;
}

/**
 * `text` cut at its addresses: the pieces in order, each address's with what it links to (empty
 * pieces left out). Both writers set a piece with `href` as a link.
 */
export function linkPieces(text: string): { text: string; href?: string }[] {
  const pieces: { text: string; href?: string }[] = [];
  let at = 0;
  for (const { from, to, href } of webLinks(text)) {
    if (from > at) pieces.push({ text: text.slice(at, from) });
    pieces.push({ text: text.slice(from, to), href });
    at = to;
  }
  if (at < text.length || !pieces.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/** The addresses in `text`, in order. */
export function webLinks(text: string): WebLink[] {
  if (!/[@.]/.test(text)) return [];
  // (an e-mail address's domain ends in letters: v2.0@3.5 and 1.5@2.3 are no addresses, review)
  // (nor is an address whose host a Chinese character cut short, http://www.郑州.gov.cn: it linked
  // to http://www, a dead address; a Markdown link's address is encoded whole — a kitchen-sink audit)
  return [...text.matchAll(LINKED)].filter((m) => !m[0].includes('@') || /^(?:https?:\/\/|www\.)/i.test(m[0]) || /\.[A-Za-z][\w-]*$/.test(m[0]))
    .filter((m) => { const host = /^https?:\/\/([^/?#]*)/i.exec(m[0])?.[1]; return host === undefined || /\.[^.]/.test(host); })
    .map((m) => {
    const address = m[0];
    const target = address.includes('@') && !/^(?:https?:\/\/|www\.)/i.test(address) ? `mailto:${address}`
      : /^www\./i.test(address) ? `http://${address}` : address;
    // (a % that starts no escape, a%zz, is a % of its own: %25; a target that is no URI made the
    // DOCX's relationship unreadable to .NET's packaging and the Open XML SDK, DOCX audit)
    const href = encoded(target.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
    return { from: m.index!, to: m.index! + address.length, href };
  });
}

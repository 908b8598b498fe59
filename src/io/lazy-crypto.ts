/**
 * pdfkit loads @noble/ciphers/aes for PDF encryption, which gongwen never uses, and that module
 * computes its AES tables as it loads: 30–60 ms of a cold build. Imported before pdfkit (first
 * import of io/pdfkit-fixes.ts), this puts a stand-in into the CommonJS cache under that
 * module's path; pdfkit reads `aes.cbc` / `aes.ecb` only when it encrypts, and the stand-in
 * loads the real module at the first such read.
 */
import Module, { createRequire } from 'node:module';

const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
export const AES_MODULE = fromPdfkit.resolve('@noble/ciphers/aes');

if (!fromPdfkit.cache[AES_MODULE]) {
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (!real) {
      delete fromPdfkit.cache[AES_MODULE];
      real = fromPdfkit(AES_MODULE) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  const standIn = new Module(AES_MODULE);
  standIn.filename = AES_MODULE;
  standIn.loaded = true;
  standIn.exports = new Proxy({}, {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    // configurable: a proxy may not report a property its (empty) target lacks as non-configurable
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
  });
  fromPdfkit.cache[AES_MODULE] = standIn;
}

import { InputError, InputErrors } from '../../src/model/errors.js';

/** The messages of an input error (one, or several at once); anything else is rethrown. */
export function inputMessages(e: unknown): string[] {
  if (e instanceof InputErrors) return e.errors.map((x) => x.message);
  if (e instanceof InputError) return [e.message];
  throw e;
}

// PLACEHOLDER until the text readers land (replaced by their import-words.ts).
import type { ImportError, ImportWarning } from './types.ts';

export function describeImportError(e: ImportError): string {
  return `“${e.file}” could not be imported (${e.kind}).`;
}

export function describeWarning(w: ImportWarning): string {
  return `${w.kind}: ${w.count}${w.examples.length ? ` (${w.examples.join(', ')})` : ''}`;
}

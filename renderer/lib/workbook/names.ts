// Workbook logic, pure: what a workbook and its file are called — the name a new one has, a file name's stem, a
// name as a file name no file system refuses — and a new working copy's id.
import { WORKBOOK_EXTENSION } from './spec.ts';

export const UNTITLED = 'Untitled workbook';

/** A file name's stem ("Quarterly tables.idmgwb" → "Quarterly tables"). */
export const fileStem = (name: string) => name.replace(/\.[^.]*$/, '') || name;

/** A name as a file name's stem that no file system refuses (its forbidden characters as spaces), or `fallback`. */
export const safeStem = (name: string, fallback: string) => [...name].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? ' ' : c)).join('').trim().slice(0, 120) || fallback;

/** A workbook's name as a file name: what no file system refuses. */
export const safeFileName = (name: string) => `${safeStem(name, 'workbook')}${WORKBOOK_EXTENSION}`;

/** A new working copy's id. */
export function newWorkbookId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

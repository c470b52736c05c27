// The desktop app's save problems are worded by kind (never by the system's English): each kind says the workbook is
// still open with its changes and what to do next.
import { describe, expect, it } from 'vitest';
import { HostFileError } from '../lib/host/desktop-workbook-files.ts';
import { saveProblemWords } from './workbook-words.ts';

describe('desktop file problems in words', () => {
  it('words each save problem by its kind', () => {
    const kinds = ['grant-expired', 'disk-full', 'not-allowed', 'folder-gone', 'too-large', 'failed'] as const;
    const words = kinds.map((kind) => saveProblemWords(new HostFileError(kind, 'EIO: system words')));
    for (const w of words) expect(w).toMatch(/^The workbook was not saved; it is still open here with all its changes\. \S/);
    expect(new Set(words).size).toBe(kinds.length);
    expect(words.join(' ')).not.toContain('system words');
    expect(words[1]).toMatch(/disk is full/);
  });

});

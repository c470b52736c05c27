// Cell statuses: the Analysis Function's symbols, which of them still show a figure, the cover-sheet notes, and the
// analyst-only wording that tells primary from secondary without colour.
import { describe, expect, it } from 'vitest';
import { PRIMARY, SECONDARY, STATUS_CODES, STATUS_INFO, coverSheetNotes, describeForAnalyst, isConfidential, shorthand, showsValue, status } from './status.ts';

describe('status shorthand', () => {
  it('prints every symbol in brackets, in the Analysis Function order', () => {
    expect(STATUS_CODES).toEqual(['c', 'x', 'z', 'u', 'e', 'p', 'r']);
    expect(STATUS_CODES.map((c) => STATUS_INFO[c].symbol)).toEqual(['[c]', '[x]', '[z]', '[u]', '[e]', '[p]', '[r]']);
    expect(shorthand(PRIMARY)).toBe('[c]');
    expect(shorthand(SECONDARY)).toBe('[c]');
    expect(shorthand(status('p'))).toBe('[p]');
    expect(shorthand(null)).toBeNull();
  });

  it('hides the figure for [c], [x] and [z] only', () => {
    expect(STATUS_CODES.filter((c) => !showsValue(c === 'c' ? PRIMARY : status(c)))).toEqual(['c', 'x', 'z']);
    expect(showsValue(null)).toBe(true);
  });

  it('tells confidential cells apart from the rest', () => {
    expect(isConfidential(PRIMARY)).toBe(true);
    expect(isConfidential(status('x'))).toBe(false);
    expect(isConfidential(null)).toBe(false);
  });

  it('explains each symbol in plain English for a cover sheet, without saying which [c] is primary', () => {
    const notes = coverSheetNotes([null, status('r'), SECONDARY, PRIMARY, status('x'), status('r')]);
    expect(notes).toEqual([
      { symbol: '[c]', meaning: 'Confidential: the figure is withheld so that no individual can be identified.' },
      { symbol: '[x]', meaning: 'Not available: the figure was not collected or cannot be given.' },
      { symbol: '[r]', meaning: 'Revised: the figure has changed since it was first published.' },
    ]);
    expect(JSON.stringify(notes)).not.toMatch(/primary|secondary|threshold/i);
    expect(coverSheetNotes([null, null])).toEqual([]);
  });

  it('describes primary and secondary cells in words for the analyst', () => {
    expect(describeForAnalyst(PRIMARY)).toBe('confidential (primary: below the threshold)');
    expect(describeForAnalyst(SECONDARY)).toBe('confidential (secondary: withheld to protect another cell)');
    expect(describeForAnalyst(status('u'))).toBe('low reliability');
    expect(describeForAnalyst(null)).toBe('published');
  });
});

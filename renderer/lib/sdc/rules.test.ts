// Disclosure-control rules: defaults, every rejection an analyst could meet (checked word for word), round trips.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SDC_RULES, describeRules, parseSdcRules } from './rules.ts';

function rejects(input: unknown, message: string): void {
  expect(() => parseSdcRules(input)).toThrow(new Error(message));
}

describe('parseSdcRules', () => {
  it('fills every default from nothing', () => {
    expect(parseSdcRules({})).toEqual({
      version: 1,
      threshold: 10,
      suppressZeros: false,
      roundingBase: null,
      roundingMethod: 'nearest',
      percentages: 'from-protected',
      protection: { upperPercent: 10, lowerPercent: 10, minimum: 1, width: 1 },
      mode: 'heuristic',
    });
    expect(parseSdcRules(undefined)).toEqual(DEFAULT_SDC_RULES);
  });

  it('keeps what it is given, and round-trips through JSON', () => {
    const rules = parseSdcRules({
      threshold: 4,
      suppressZeros: true,
      roundingBase: 5,
      protection: { upperPercent: 30, lowerPercent: 20, minimum: 2, width: 3 },
      mode: 'optimal',
    });
    expect(rules).toMatchObject({ threshold: 4, suppressZeros: true, roundingBase: 5, mode: 'optimal', protection: { upperPercent: 30, lowerPercent: 20, minimum: 2, width: 3 } });
    expect(parseSdcRules(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
  });

  it('fills missing protection settings one by one', () => {
    expect(parseSdcRules({ protection: { minimum: 0 } }).protection).toEqual({ upperPercent: 10, lowerPercent: 10, minimum: 0, width: 1 });
  });

  it('rejects bad thresholds', () => {
    rejects({ threshold: 0 }, 'threshold must be a whole number of at least 1, not the number 0.');
    rejects({ threshold: 9.5 }, 'threshold must be a whole number of at least 1, not the number 9.5.');
    rejects({ threshold: '10' }, 'threshold must be a whole number of at least 1, not the text "10".');
    rejects({ threshold: null }, 'threshold must be a whole number of at least 1, not null.');
  });

  it('rejects bad zero, rounding, percentage and mode settings', () => {
    rejects({ suppressZeros: 'yes' }, 'suppressZeros must be true or false, not the text "yes".');
    rejects({ roundingBase: 1 }, 'roundingBase must be a whole number of at least 2, or null for no rounding, not the number 1.');
    rejects({ roundingBase: 2.5 }, 'roundingBase must be a whole number of at least 2, or null for no rounding, not the number 2.5.');
    rejects({ percentages: 'hide' }, 'percentages must be one of "from-protected" or "suppress", not the text "hide".');
    rejects({ mode: 'fast' }, 'mode must be one of "heuristic" or "optimal", not the text "fast".');
  });

  it('refuses percentages from true counts when counts are rounded', () => {
    rejects(
      { percentages: 'suppress', roundingBase: 5 },
      'percentages "suppress" computes percentages from the true counts, which would undo rounding to base 5; use "from-protected" when counts are rounded.',
    );
    expect(parseSdcRules({ percentages: 'suppress' }).percentages).toBe('suppress');
  });

  it('rejects protection that would let a count be worked out exactly', () => {
    rejects({ protection: { minimum: 0, width: 0 } }, 'protection.minimum or protection.width must be at least 1; with less, a suppressed count could be worked out exactly.');
    rejects({ protection: { minimum: -1 } }, 'protection.minimum must be a number of 0 or more, not the number -1.');
    rejects({ protection: { upperPercent: 1001 } }, 'protection.upperPercent must be a percentage from 0 to 1000, not the number 1001.');
    rejects({ protection: { lowerPercent: 101 } }, 'protection.lowerPercent must be a percentage from 0 to 100, not the number 101.');
    rejects({ protection: 10 }, 'The protection setting should be an object, not the number 10.');
  });

  it('rejects unknown settings and other versions', () => {
    rejects({ treshold: 10 }, 'Unknown setting "treshold" in the disclosure-control rules. This file may come from a newer version of the workbench.');
    rejects({ protection: { sliding: 1 } }, 'Unknown setting "sliding" in the protection setting. This file may come from a newer version of the workbench.');
    rejects({ version: 2 }, 'These disclosure-control rules were saved by a newer version of the workbench (format 2; this version reads up to 1). Update the workbench to open them.');
    rejects({ version: 'one' }, 'The rules\' version must be 1, not the text "one".');
    rejects([], 'The disclosure-control rules should be an object, not a list.');
  });
});

describe('describeRules', () => {
  it('says what the rules do in one line', () => {
    expect(describeRules(DEFAULT_SDC_RULES)).toBe(
      'Counts of 1 to 9 are suppressed; zeros are shown; other counts are exact; further cells are suppressed where needed so that no suppressed count can be worked out.',
    );
    expect(describeRules(parseSdcRules({ threshold: 2, suppressZeros: true, roundingBase: 5 }))).toBe(
      'Counts of 1 are suppressed; zeros are suppressed too; other counts are rounded to the nearest 5; further cells are suppressed where needed so that no suppressed count can be worked out.',
    );
    expect(describeRules(parseSdcRules({ roundingBase: 5, roundingMethod: 'controlled' }))).toContain('other counts are rounded to a multiple of 5 so that totals add up');
    expect(() => parseSdcRules({ roundingMethod: 'banker' })).toThrow('roundingMethod must be one of "nearest" or "controlled", not the text "banker".');
  });
});

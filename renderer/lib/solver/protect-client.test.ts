// The page-side protector's pure parts: the cache key (the same figures, relations and rules, and only those, give
// the same key) and the status bar's words for progress.
import { describe, expect, it } from 'vitest';
import { parseSdcRules } from '../sdc/rules.ts';
import { flatTable } from '../sdc/table.ts';
import { describeActivity, protectionKey } from './protect-client.ts';

describe('the protector', () => {
  it('keys a protection by the table\'s figures, labels, relations and rules', () => {
    const rules = parseSdcRules({});
    const key = protectionKey(flatTable([[12, 3], [27, 18]]), rules);
    expect(protectionKey(flatTable([[12, 3], [27, 18]]), parseSdcRules({}))).toBe(key);
    expect(protectionKey(flatTable([[12, 4], [27, 18]]), rules)).not.toBe(key);
    expect(protectionKey(flatTable([[12, 3], [27, 18]], { rowLabels: ['a', 'b'] }), rules)).not.toBe(key);
    expect(protectionKey(flatTable([[12, 3], [27, 18]]), parseSdcRules({ roundingBase: 5 }))).not.toBe(key);
    expect(protectionKey(flatTable([[12, 3], [27, 18]]), parseSdcRules({ roundingBase: 5, roundingMethod: 'controlled' }))).not.toBe(
      protectionKey(flatTable([[12, 3], [27, 18]]), parseSdcRules({ roundingBase: 5 })),
    );
  });

  it('says how far disclosure control has got, and how many tables wait', () => {
    expect(describeActivity({ progress: null, waiting: 0 })).toBe('Disclosure control: starting');
    expect(describeActivity({ progress: { stage: 'secondary', done: 1200, total: 3400 }, waiting: 0 })).toBe('Disclosure control: choosing cells to withhold, 1,200 of 3,400 confidential cells');
    expect(describeActivity({ progress: { stage: 'audit', done: 5, total: 40 }, waiting: 2 })).toBe('Disclosure control: auditing, 5 of 40 withheld cells (2 more tables waiting)');
    expect(describeActivity({ progress: { stage: 'optimal', done: 3, total: 20 }, waiting: 1 })).toBe('Disclosure control: searching for the least loss, 3 of 20 seconds (1 more table waiting)');
  });
});

// The release details on the pack's cover (status, next update, web page): optional, checked when given, and kept
// out of a pack that does not give them so older packs read back the same.
import { describe, expect, it } from 'vitest';
import { parseMeta } from './spec.ts';

describe('the release details of a pack', () => {
  it('keeps a status, a next update and a web address, and leaves out what is not given', () => {
    expect(parseMeta({ status: 'provisional', nextUpdate: ' Spring 2027 ', releaseUrl: 'https://www.gov.uk/government/collections/national-referral-mechanism-statistics' })).toMatchObject({
      status: 'provisional', nextUpdate: 'Spring 2027', releaseUrl: 'https://www.gov.uk/government/collections/national-referral-mechanism-statistics',
    });
    const plain = parseMeta({ status: '', nextUpdate: '', releaseUrl: '' });
    expect(['status', 'nextUpdate', 'releaseUrl'].filter((k) => k in plain)).toEqual([]);
  });

  it('refuses a status it does not know and a web page that is not a web address, in words', () => {
    expect(() => parseMeta({ status: 'draft' })).toThrow("The pack's status should be provisional, revised or final.");
    expect(() => parseMeta({ releaseUrl: 'javascript:alert(1)' })).toThrow('The release web page should be a web address starting with https://.');
  });
});

import { describe, expect, it } from 'vitest';
import { uniqueTitle } from './tab-titles.ts';

const tabs = (...titles: string[]) => titles.map((title, i) => ({ id: `t${i}`, title }));

describe('tab titles', () => {
  it('keeps a free title and numbers a taken one with the lowest free number', () => {
    expect(uniqueTitle('Pivot of NRM referrals', tabs('IDMG overview'))).toBe('Pivot of NRM referrals');
    expect(uniqueTitle('Pivot of NRM referrals', tabs('Pivot of NRM referrals'))).toBe('Pivot of NRM referrals (2)');
    expect(uniqueTitle('Pivot of NRM referrals', tabs('Pivot of NRM referrals', 'Pivot of NRM referrals (2)'))).toBe('Pivot of NRM referrals (3)');
    expect(uniqueTitle('Pivot of NRM referrals', tabs('Pivot of NRM referrals', 'Pivot of NRM referrals (3)'))).toBe('Pivot of NRM referrals (2)');
  });

  it('does not count the tab being renamed against itself', () => {
    expect(uniqueTitle('Arrivals', tabs('Arrivals', 'SQL 2'), 't0')).toBe('Arrivals');
  });
});

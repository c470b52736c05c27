// What changed in the built-in data since a workbook was saved: a new vintage or changed data is named, a dataset
// this version lacks is named, and unchanged data says nothing.
import { describe, expect, it } from 'vitest';
import { changeSentence, datasetChanges } from './vintage.ts';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);

describe('built-in data changed since a workbook was saved', () => {
  it('names each changed or missing dataset, and nothing else', () => {
    const changes = datasetChanges(
      [{ id: 'same', sha256: a, vintage: '2024-03-07' }, { id: 'revised', sha256: a, vintage: '2024-03-07' }, { id: 'gone', sha256: a, vintage: '2023-01-01' }],
      [{ id: 'same', sha256: a, vintage: '2024-03-07' }, { id: 'revised', sha256: b, vintage: '2024-06-13' }],
    );
    expect(changes).toEqual([
      { id: 'revised', kind: 'new-vintage', was: '2024-03-07', now: '2024-06-13' },
      { id: 'gone', kind: 'missing', was: '2023-01-01', now: null },
    ]);
    expect(changeSentence(changes[0]!, 'NRM referrals')).toBe('NRM referrals: vintage 2024-03-07 has been replaced by 2024-06-13. Live pivots and pack items will show the new figures; frozen items keep the figures they were frozen with.');
    expect(changeSentence({ id: 'x', kind: 'new-vintage', was: 'v1', now: 'v1' }, 'X')).toContain('its data changed since vintage v1');
    expect(changeSentence(changes[1]!, 'Old table')).toContain('is not in this version of the workbench');
  });
});

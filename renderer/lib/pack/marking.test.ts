// One wording of the protective marking for every format (print view, XLSX, ODS, DOCX, CSV).
import { describe, expect, it } from 'vitest';
import { markingLine, markingParts } from './marking.ts';

describe('the protective marking', () => {
  it('is the marking then the caveat, in capitals; a caveat alone is still printed; nothing gives nothing', () => {
    expect(markingLine({ marking: 'OFFICIAL-SENSITIVE', caveat: ' Not for onward distribution ' })).toBe('OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION');
    expect(markingParts({ marking: 'OFFICIAL-SENSITIVE', caveat: 'Not for onward distribution' })).toEqual(['OFFICIAL-SENSITIVE', 'NOT FOR ONWARD DISTRIBUTION']);
    expect(markingLine({ marking: null, caveat: 'Not for onward distribution' })).toBe('NOT FOR ONWARD DISTRIBUTION');
    expect(markingLine({ marking: null, caveat: '' })).toBe('');
  });
});

// Closing the desktop window with unsaved changes: the question names where the changes are (the recovery copy, not
// the file), Stay is the default and the Escape answer, and only Leave lets the page go.
import { describe, expect, it } from 'vitest';
import { UNLOAD_QUESTION, leaveChosen } from './unload-question.ts';

describe('the unload question', () => {
  it('offers Leave and Stay, Stay by default and on Escape', () => {
    expect(UNLOAD_QUESTION.buttons).toEqual(['Leave', 'Stay']);
    expect(UNLOAD_QUESTION.buttons[UNLOAD_QUESTION.defaultId]).toBe('Stay');
    expect(UNLOAD_QUESTION.buttons[UNLOAD_QUESTION.cancelId]).toBe('Stay');
    expect(UNLOAD_QUESTION.detail).toMatch(/recovery copy/);
    expect(UNLOAD_QUESTION.detail).toMatch(/not in the workbook file/);
    expect(Object.isFrozen(UNLOAD_QUESTION)).toBe(true);
  });

  it('leaves only on Leave', () => {
    expect(leaveChosen(UNLOAD_QUESTION.buttons.indexOf('Leave'))).toBe(true);
    expect(leaveChosen(UNLOAD_QUESTION.cancelId)).toBe(false);
    expect(leaveChosen(-1)).toBe(false);
  });
});

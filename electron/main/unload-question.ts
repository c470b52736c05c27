// Main-process layer, pure: the question the desktop app asks when the page refuses to unload (its beforeunload in
// renderer/App.svelte: a changed workbook that is in a file, typed SQL, pack text not applied). Chromium shows no
// dialog of its own inside Electron, so without this the window would silently refuse to close or reload. window.ts
// shows the question and, when the analyst chooses to leave, lets the page go (preventDefault on
// 'will-prevent-unload' overrides the page's refusal).
export const LEAVE = 0;
export const STAY = 1;

/** The native message box (Electron's MessageBoxSyncOptions shape); Stay is the default and what Escape means. */
export const UNLOAD_QUESTION = Object.freeze({
  type: 'question' as const,
  buttons: ['Leave', 'Stay'],
  defaultId: STAY,
  cancelId: STAY,
  noLink: true,
  title: 'Unsaved changes',
  message: 'The workbook has changes that are not saved in its file.',
  detail:
    'If you leave, the changes stay in the app’s recovery copy, offered back when the app starts again, but not in ' +
    'the workbook file; text typed into a pack field and not yet applied is lost. Choose Stay, then File › Save ' +
    'workbook, to keep them in the file.',
});

/** Whether the analyst's answer (the button's index) lets the page unload. */
export function leaveChosen(response: number): boolean {
  return response === LEAVE;
}

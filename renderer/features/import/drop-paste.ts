// Import feature: what a drop or a paste on the window hands to the import — the first file dropped, or text pasted
// outside any text field that looks like a range of cells (a tab or a line break), as Excel puts it on the clipboard.

export function droppedFile(e: DragEvent): File | null {
  const file = e.dataTransfer?.files?.[0] ?? null;
  if (file) e.preventDefault(); // the browser would otherwise open the file in place of the app
  return file;
}

/** The pasted text when it is a range for the import, else null (the paste goes where it was aimed). */
export function pastedRange(e: ClipboardEvent): string | null {
  const target = e.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .cm-editor')) return null;
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (!/[\t\n]/.test(text.trim())) return null;
  e.preventDefault();
  return text;
}

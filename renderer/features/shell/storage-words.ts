// Shell feature: the words for what went wrong keeping the analyst's work in this browser, in one place for the
// sidebar's saved lists and the pack tab alike (the state layer reports kinds; this says them).
import type { WriteOutcome } from '../../state/local-slot.ts';

/** Why the newest change was not stored, and what to do. `what`: the store, plural ("saved queries"). */
export function writeProblemWords(outcome: Exclude<WriteOutcome, 'written'>, what: string): string {
  return outcome === 'full'
    ? `This browser's storage is full, so the newest change to the ${what} will not survive a restart. Delete some you no longer need, or unfreeze large pack items.`
    : `This browser does not let the workbench keep anything (site storage is turned off), so the ${what} will be lost when this window closes. Allow site storage for this page to keep them.`;
}

/** The opening sentence of the unreadable entries notice. */
export function unreadableWords(count: number, what: string): string {
  return `${count === 1 ? 'One entry' : `${count} entries`} of the ${what} stored in this browser could not be read. ${count === 1 ? 'It is' : 'They are'} kept aside unchanged, and everything else has loaded.`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

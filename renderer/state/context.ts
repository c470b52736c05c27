// State layer: how views reach the one Workbench without threading it through every prop.
import { getContext, setContext } from 'svelte';
import type { Workbench } from './workbench.svelte.ts';

const KEY = Symbol('workbench');

export function provideWorkbench(workbench: Workbench): void {
  setContext(KEY, workbench);
}

export function useWorkbench(): Workbench {
  const workbench = getContext<Workbench | undefined>(KEY);
  if (!workbench) throw new Error('useWorkbench() called outside the workbench.');
  return workbench;
}

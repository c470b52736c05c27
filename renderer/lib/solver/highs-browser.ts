// Solver layer, page only: loads HiGHS with its wasm served from the app's own origin. Vite emits highs.wasm as an
// asset and `?url` gives its address; `locateFile` hands that to the loader, so nothing is fetched from elsewhere
// (the app's CSP and the no-network promise both depend on it).
import loadHighs, { type Highs } from 'highs';
import wasmUrl from 'highs/runtime?url';
import type { LpSolver } from '../sdc/lp.ts';
import { highsSolver } from './highs.ts';

let runtime: Promise<Highs> | undefined;

export async function loadBrowserHighsSolver(): Promise<LpSolver> {
  runtime ??= loadHighs({ locateFile: () => wasmUrl });
  return highsSolver(await runtime);
}

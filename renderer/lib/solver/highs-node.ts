// Solver layer, Node only (tests, benchmarks, scripts): loads HiGHS from node_modules, where the package finds its
// own highs.wasm beside its loader. The page uses highs-browser.ts instead; the disclosure code imports neither.
import loadHighs, { type Highs } from 'highs';
import type { LpSolver } from '../sdc/lp.ts';
import { highsSolver } from './highs.ts';

let runtime: Promise<Highs> | undefined;

/** One wasm runtime per process: compiling the 3.5 MB module again for every solver would dominate short runs. */
export async function loadNodeHighsSolver(): Promise<LpSolver> {
  runtime ??= loadHighs();
  return highsSolver(await runtime);
}

// The architecture's import rules are enforced by lint: this runs ESLint (the real config) on wrong-layer
// imports placed in each layer and checks that each is refused, and that a right-layer import is not.
import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: `${import.meta.dirname}/..` });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  const cases: [string, string][] = [
    ['renderer/lib/query/x.ts', "import { mount } from 'svelte'; export const a = mount;"],
    ['renderer/lib/viz/x.ts', "import { Workbench } from '../../state/workbench.svelte.ts'; export const a = Workbench;"],
    ['renderer/lib/sdc/x.ts', "import * as echarts from 'echarts'; export const a = echarts;"],
    ['renderer/lib/engine/x.ts', "import { useWorkbench } from '../../state/context.ts'; export const a = useWorkbench;"],
    ['renderer/components/X.ts', "import { useWorkbench } from '../state/context.ts'; export const a = useWorkbench;"],
    ['renderer/components/X.ts', "import * as echarts from 'echarts/core'; export const a = echarts;"],
    ['renderer/features/x/y.ts', "import * as duckdb from '@duckdb/duckdb-wasm'; export const a = duckdb;"],
    ['renderer/state/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['renderer/lib/host/x.ts', "import { ipcRenderer } from 'electron'; export const a = ipcRenderer;"],
    ['renderer/lib/host/x.ts', "import { CHANNELS } from '../../../electron/contract.ts'; export const a = CHANNELS;"],
    ['electron/main/x.ts', "import { BrowserEngine } from '../../renderer/lib/engine/browser.ts'; export const a = BrowserEngine;"],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['electron/contract.ts', "import { app } from 'electron'; export const a = app;"],
    ['renderer/lib/sdc/x.ts', "import { highsSolver } from '../solver/highs.ts'; export const a = highsSolver;"],
    ['renderer/lib/sdc/x.ts', "import loadHighs from 'highs'; export const a = loadHighs;"],
    ['renderer/lib/solver/x.ts', "import { mount } from 'svelte'; export const a = mount;"],
    ['renderer/lib/solver/x.ts', "import * as duckdb from '@duckdb/duckdb-wasm'; export const a = duckdb;"],
    ['renderer/lib/solver/x.ts', "import { Workbench } from '../../state/workbench.svelte.ts'; export const a = Workbench;"],
    ['renderer/lib/solver/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['renderer/lib/workbook/x.ts', "import { mount } from 'svelte'; export const a = mount;"],
    ['renderer/lib/workbook/x.ts', "import { embedTable } from '../services/workbook/tables.ts'; export const a = embedTable;"],
    ['renderer/lib/pack/x.ts', "import { packToXlsx } from '../io/xlsx.ts'; export const a = packToXlsx;"],
  ];
  for (const [file, code] of cases) {
    it(`refuses in ${file}: ${code.split(';')[0]}`, async () => {
      expect(await restricted(file, code)).not.toEqual([]);
    });
  }

  // A folder is placed in the plan before it passes: every folder of code has a layer row (an import rule) in
  // eslint.config.js, so new code cannot land outside the rules by living somewhere new.
  it('has a layer row for every folder of code', async () => {
    const root = `${import.meta.dirname}/..`;
    const folders = (dir: string): string[] => readdirSync(`${root}/${dir}`, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${dir}/${e.name}`);
    const placed = [...folders('renderer/lib'), ...folders('renderer').filter((d) => !d.endsWith('/lib')), 'electron/main', 'electron/preload'];
    const unplaced: string[] = [];
    for (const folder of placed) {
      const config = await eslint.calculateConfigForFile(`${folder}/any-module.ts`);
      if (!config?.rules?.['no-restricted-imports']) unplaced.push(folder);
    }
    expect(unplaced).toEqual([]);
  });

  it('allows what the plan allows', async () => {
    expect(await restricted('renderer/lib/viz/x.ts', "import type { Table } from 'apache-arrow'; export type T = Table;")).toEqual([]);
    expect(await restricted('renderer/lib/workbook/x.ts', "import type { ImportRecord } from '../services/import/record.ts'; export type R = ImportRecord;")).toEqual([]);
    expect(await restricted('renderer/features/x/y.ts', "import { quoteIdent } from '../../lib/query/quote.ts'; export const a = quoteIdent;")).toEqual([]);
    expect(await restricted('renderer/lib/host/x.ts', "import type { AppInfo } from '../../../electron/contract.ts'; export type A = AppInfo;")).toEqual([]);
    expect(await restricted('renderer/lib/sdc/x.ts', "import type { LpSolver } from '../solver/highs.ts'; export type S = LpSolver;")).toEqual([]);
    expect(await restricted('renderer/lib/solver/x.ts', "import loadHighs from 'highs'; import type { LpSolver } from '../sdc/lp.ts'; export const a: [unknown, LpSolver?] = [loadHighs];")).toEqual([]);
    expect(await restricted('electron/preload/x.ts', "import { contextBridge } from 'electron'; import { CHANNELS } from '../contract.ts'; export const a = [contextBridge, CHANNELS];")).toEqual([]);
  });
});

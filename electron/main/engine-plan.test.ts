// The desktop engine's plan: the built host beside main, one data folder per window under the app's data folder.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineHostPlan } from './engine-plan.ts';

describe('engineHostPlan', () => {
  it('runs the built host beside main with a data folder of the window’s own', () => {
    const plan = engineHostPlan('/app/out/main', '/home/a/.config/IDMG Workbench', 3);
    expect(plan.program).toBe(join('/app/out/main', 'engine-host.js'));
    expect(plan.dataDir).toBe(join('/home/a/.config/IDMG Workbench', 'engine', 'window-3'));
    expect(plan.args).toEqual(['--data-dir', plan.dataDir]);
    expect(engineHostPlan('/m', '/u', 4).dataDir).not.toBe(plan.dataDir);
  });

  it('refuses anything but a window id', () => {
    for (const id of [-1, 1.5, Number.NaN]) expect(() => engineHostPlan('/m', '/u', id)).toThrow(/window id/);
  });
});

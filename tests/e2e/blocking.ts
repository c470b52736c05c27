// E2E support: how long the app blocks the page's main thread. Two measures, taken only in windows around the app's
// own work (a key, a scroll, a click on an element found beforehand), so the test's own role and name queries —
// which run in the page too — are not counted:
// - long tasks, from a PerformanceObserver('longtask') in the page: wall-clock time, which on a shared 2-core
//   machine includes time the renderer waits for a CPU (measured here at load 8: a task of 22 ms of work showed as
//   a 122 ms long task);
// - the CPU time of every task on the renderer's main thread, from Chromium's own trace (each task's thread time),
//   which is the work the app asked of the page, however busy the machine.
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  cat: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface Blocking {
  /** Long tasks' wall-clock durations (ms), over 50 ms each. */
  longTasks: number[];
  /** The longest task's CPU time on the page's main thread (ms). */
  maxCpuMs: number;
}

/** What the pivot grid must show before a window closes (checked each frame, cheaply, in the page). */
export interface Settled {
  rowcount?: string;
  colcount?: string;
}

const WINDOW_START = 'e2e-window-start';
const WINDOW_END = 'e2e-window-end';

export class BlockingMeter {
  private readonly events: TraceEvent[] = [];
  private readonly longTasks: number[] = [];

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async start(page: Page): Promise<BlockingMeter> {
    const cdp = await page.context().newCDPSession(page);
    const meter = new BlockingMeter(page, cdp);
    cdp.on('Tracing.dataCollected', (e) => meter.events.push(...(e.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', '__metadata'] }, transferMode: 'ReportEvents' });
    await page.evaluate(() => {
      const g = globalThis as unknown as { __longTasks: number[] };
      g.__longTasks = [];
      // 'longtask' is a browser entry type that Node's typings (this file's) do not list.
      new PerformanceObserver((list) => list.getEntries().forEach((e) => g.__longTasks.push(e.duration))).observe({ type: 'longtask' } as unknown as { type: 'mark' });
    });
    return meter;
  }

  /** Runs `act`, waits until the pivot grid shows `settled` and two frames more, counting what blocked meanwhile. */
  async measure(act: () => Promise<unknown>, settled: Settled = {}): Promise<void> {
    await this.page.evaluate((mark) => {
      (globalThis as unknown as { __longTasks: number[] }).__longTasks = [];
      performance.mark(mark);
    }, WINDOW_START);
    await act();
    await this.page.waitForFunction(
      (want) => {
        const g = globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } };
        const grid = g.document.querySelector('[role="grid"][aria-label="Pivot table"]');
        return !!grid && (!want.rowcount || grid.getAttribute('aria-rowcount') === want.rowcount) && (!want.colcount || grid.getAttribute('aria-colcount') === want.colcount);
      },
      settled,
      { polling: 'raf', timeout: 180_000 },
    );
    this.longTasks.push(
      ...(await this.page.evaluate(async (mark) => {
        const frame = (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame;
        await new Promise<void>((r) => frame(() => frame(r)));
        performance.mark(mark);
        return (globalThis as unknown as { __longTasks: number[] }).__longTasks;
      }, WINDOW_END)),
    );
  }

  /** Ends the trace; what blocked the page in the measured windows. */
  async stop(): Promise<Blocking> {
    const complete = new Promise((resolve) => this.cdp.once('Tracing.tracingComplete', resolve));
    await this.cdp.send('Tracing.end');
    await complete;
    await this.cdp.detach();
    const mains = new Set(this.events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
    const marks = (name: string) => this.events.filter((e) => e.cat.includes('blink.user_timing') && e.name === name).map((e) => e.ts).sort((a, b) => a - b);
    const [starts, ends] = [marks(WINDOW_START), marks(WINDOW_END)];
    const windows = starts.map((s) => [s, ends.find((e) => e > s) ?? Infinity] as const);
    // One event per task the thread runs ('toplevel'), with its wall-clock (dur) and CPU (tdur) time.
    const tasks = this.events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && mains.has(`${e.pid}/${e.tid}`));
    const inWindow = tasks.filter((t) => windows.some(([s, e]) => t.ts < e && t.ts + (t.dur ?? 0) > s));
    if (windows.length === 0 || inWindow.length === 0) throw new Error(`The trace has no measured window or no task of the page in one (${mains.size} main threads, ${windows.length} windows, ${tasks.length} tasks, ${this.events.length} events).`);
    return { longTasks: this.longTasks, maxCpuMs: Math.max(...inWindow.map((t) => (t.tdur ?? 0) / 1000)) };
  }
}

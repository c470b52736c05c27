/// <reference lib="dom" />
// End-to-end accessibility (WCAG 2.2 AA), tried as an analyst with a magnifier, a screen reader or only a keyboard
// would: the page reflows to one column at 320 px and at 200 % / 400 % zoom with no sideways scrolling of the page
// (the sidebar folds behind a toggle); a skip link; one h1 and an h2 for every tab, no levels skipped; axe-core with
// every WCAG 2.x A/AA rule and best practice on each screen; every control at least 24 × 24 px; arrows never place a
// field by themselves; and after each action that removes, moves, closes or disables the focused control, focus goes
// somewhere defined — never to the page, never to another item's Remove.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axe(page: Page, where: string): Promise<void> {
  const found = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(found.violations.map((v) => `${where}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** Page-level sideways scrolling, in CSS px (0 when the page fits its window). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** What has focus: its role-ish description, or "body" when focus fell to the page. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.getAttribute('aria-labelledby') ?? el.textContent?.trim().slice(0, 60) ?? ''}`;
  });

async function pivotOnQ4(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^NRM referrals Oct–Dec 2023/ }).click();
  await page.getByRole('button', { name: /^Build a pivot table from/ }).click();
  await expect(page.getByRole('combobox', { name: 'Add first_responder_type to' })).toBeVisible();
}

/** Every visible heading, in order, with its level. */
const headings = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => h.getClientRects().length > 0 || h.classList.contains('visually-hidden')).filter((h) => !h.closest('[hidden]')).map((h) => Number(h.tagName[1])),
  );

test('reflows to one column at 320 px and at 200 % and 400 % zoom, with the sidebar behind a toggle', async ({ workbench: page }) => {
  for (const [width, height] of [[320, 256], [640, 400], [320, 200]] as const) {
    await page.setViewportSize({ width, height });
    expect(await overflow(page), `${width}×${height}`).toBeLessThanOrEqual(0);
    const toggle = page.getByRole('button', { name: 'Datasets and saved items' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('heading', { name: 'Datasets' })).toBeHidden();
    await toggle.click();
    await expect(page.getByRole('heading', { name: 'Datasets' })).toBeVisible();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Hide datasets and saved items' }).click();
    // The toolbar wraps: "Briefing pack" stays within the window.
    const box = (await page.getByRole('button', { name: /^Briefing pack/ }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  }
  await page.getByRole('button', { name: 'Datasets and saved items' }).click();
  await pivotOnQ4(page);
  await page.getByRole('combobox', { name: 'Add first_responder_type to' }).selectOption('rows');
  expect(await overflow(page), 'pivot at 320 px').toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'New SQL console' }).click();
  expect(await overflow(page), 'SQL at 320 px').toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  expect(await overflow(page), 'pack at 320 px').toBeLessThanOrEqual(0);
  await axe(page, 'pack at 320 px');
  await page.getByRole('button', { name: 'Profile a table' }).click();
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: /^Column profiles/ })).toBeVisible();
  expect(await overflow(page), 'profile at 320 px').toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: /^NRM referrals Oct–Dec 2023/ }).click();
  expect(await overflow(page), 'dataset at 320 px').toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Import data…' }).click();
  expect(await overflow(page), 'import at 320 px').toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('button', { name: 'Datasets and saved items' })).toBeHidden();
});

test('a skip link, one h1, an h2 for every tab and no skipped levels, and axe finds nothing on any screen', async ({ workbench: page }) => {
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await axe(page, 'overview');

  const open = {
    overview: async () => {},
    pivot: async () => {
      await pivotOnQ4(page);
      await page.getByRole('combobox', { name: 'Add first_responder_type to' }).selectOption('rows');
      await page.getByRole('combobox', { name: 'Add exploitation_type to' }).selectOption('columns');
    },
    sql: async () => page.getByRole('button', { name: 'New SQL console' }).click(),
    pack: async () => page.getByRole('button', { name: /^Briefing pack/ }).click(),
    profile: async () => {
      await page.getByRole('button', { name: 'Profile a table' }).click();
      await expect(page.getByRole('tabpanel').getByRole('heading', { name: /^Column profiles/ })).toBeVisible();
    },
    dataset: async () => page.getByRole('button', { name: /^NRM referrals Oct–Dec 2023/ }).click(),
    import: async () => page.getByRole('button', { name: 'Import data…' }).click(),
  };
  for (const [name, go] of Object.entries(open)) {
    await go();
    const levels = await headings(page);
    expect(levels.filter((l) => l === 1), name).toHaveLength(1);
    levels.forEach((l, i) => {
      if (i > 0) expect(l - levels[i - 1]!, `${name}: heading levels ${levels.join(' ')}`).toBeLessThanOrEqual(1);
    });
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByRole('heading', { level: 2 }).first(), name).toBeAttached();
    await axe(page, name);
  }
});

test('every control is at least 24 × 24 px (WCAG 2.5.8) on the pivot and pack screens', async ({ workbench: page }) => {
  await pivotOnQ4(page);
  await page.getByRole('combobox', { name: 'Add first_responder_type to' }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add age_at_exploitation to' }).selectOption('rows');
  await page.getByRole('button', { name: 'Add to pack' }).first().click();
  const small = async () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, input, summary, [role="tab"], textarea')]
        .filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden]'))
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 - 0.01 || r.height < 24 - 0.01)
        .map(({ el, r }) => `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`),
    );
  expect(await small()).toEqual([]);
  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  await expect(page.getByRole('list', { name: 'Pack items' })).toBeVisible();
  expect(await small()).toEqual([]);
});

test('arrow keys never place a field; opening the list and choosing with Enter does', async ({ workbench: page }) => {
  await pivotOnQ4(page);
  const add = page.getByRole('combobox', { name: 'Add first_responder_type to' });
  await add.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('r');
  await expect(page.getByRole('list', { name: 'Rows fields' }).getByRole('listitem')).toHaveCount(0);
  await expect(add).toHaveValue('');
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Rows fields' }).getByRole('listitem')).toHaveCount(1);
});

test('focus goes somewhere defined after every action that removes, moves, closes or disables the focused control', async ({ workbench: page }) => {
  await pivotOnQ4(page);
  for (const f of ['first_responder_type', 'exploitation_type', 'gender']) await page.getByRole('combobox', { name: `Add ${f} to` }).selectOption('rows');
  await page.getByRole('combobox', { name: 'Add referrals to' }).selectOption('sum');

  // Moving keeps focus on the moved field's button (or its other one at the end of the list).
  await page.getByRole('button', { name: 'Move exploitation_type up' }).click();
  await expect(page.getByRole('button', { name: 'Move exploitation_type down' })).toBeFocused();
  await page.getByRole('button', { name: 'Move gender up' }).click();
  await expect(page.getByRole('button', { name: 'Move gender up' })).toBeFocused();
  await page.getByRole('button', { name: 'Move gender to columns' }).click();
  await expect(page.getByRole('button', { name: 'Move gender to rows' })).toBeFocused();

  // Removing goes to the zone, never to another Remove.
  await page.getByRole('button', { name: 'Remove exploitation_type from rows' }).click();
  await expect(page.getByRole('region', { name: 'Rows' })).toBeFocused();
  await page.getByRole('button', { name: 'Remove Count of records' }).click();
  await expect(page.getByRole('region', { name: 'Values' })).toBeFocused();
  expect(await focused(page)).not.toMatch(/Remove/);

  // Closing a tab: focus on the tab now selected.
  await page.getByRole('button', { name: 'Add to pack' }).first().click();
  await page.getByRole('button', { name: /^Close Pivot/ }).click();
  await expect(page.getByRole('tab', { selected: true })).toBeFocused();

  // The pack: disclosure control's buttons replace each other; items move and go.
  await page.getByRole('button', { name: /^Briefing pack/ }).click();
  await page.getByRole('button', { name: 'Turn off for this export…' }).click();
  await expect(page.getByRole('textbox', { name: /Why turn it off/ })).toBeFocused();
  await page.getByRole('button', { name: 'Keep it on' }).click();
  await expect(page.getByRole('button', { name: 'Turn off for this export…' })).toBeFocused();
  await page.getByRole('button', { name: 'Add commentary' }).click();
  await page.getByRole('button', { name: 'Move item 2 up' }).click();
  await expect(page.getByRole('button', { name: 'Move item 1 down' })).toBeFocused();
  await page.getByRole('button', { name: 'Move item 1 down' }).click();
  await expect(page.getByRole('button', { name: 'Move item 2 up' })).toBeFocused();
  await page.getByRole('button', { name: 'Remove item 2' }).click();
  await expect(page.getByRole('list', { name: 'Pack items' })).toBeFocused();

  // An export disables its buttons while it works: focus waits on its status, then returns to the button.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export XLSX' }).click();
  await download;
  await expect(page.getByRole('group', { name: 'Export the pack' }).getByRole('status')).toContainText('Saved');
  await expect(page.getByRole('button', { name: 'Export XLSX' })).toBeFocused();
});

test('keyboard only: build a pivot, chart it, add it to a pack, reorder and export — no mouse', async ({ workbench: page }) => {
  /** Tab (forwards) until `target` has focus, as a keyboard user would; fails after `max` presses. */
  const tabTo = async (target: ReturnType<Page['getByRole']>, max = 200) => {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`could not Tab to ${target.toString()}`);
  };
  /** Opens a focused select's list and moves `steps` down before choosing with Enter. */
  const choose = async (steps: number) => {
    await page.keyboard.press('Alt+ArrowDown');
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
  };

  await tabTo(page.getByRole('button', { name: /^NRM referrals Oct–Dec 2023/ }));
  await page.keyboard.press('Enter');
  await tabTo(page.getByRole('button', { name: /^Build a pivot table from/ }), 400);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Add first_responder_type to' })).toBeVisible();
  await tabTo(page.getByRole('combobox', { name: 'Add first_responder_type to' }));
  await choose(1); // Rows
  await tabTo(page.getByRole('combobox', { name: 'Add age_at_exploitation to' }));
  await choose(2); // Columns
  await expect(page.getByRole('list', { name: 'Columns fields' }).getByRole('listitem')).toHaveCount(1);
  await tabTo(page.getByRole('combobox', { name: 'Chart type' }));
  await choose(1); // the next kind of chart
  await tabTo(page.getByRole('button', { name: 'Add to pack' }));
  await page.keyboard.press('Enter');
  await tabTo(page.getByRole('button', { name: /^Briefing pack/ }), 400);
  await page.keyboard.press('Enter');
  await tabTo(page.getByRole('button', { name: 'Add commentary' }), 400);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Pack items' }).getByRole('listitem')).toHaveCount(2);
  await tabTo(page.getByRole('button', { name: 'Move item 2 up' }), 400);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Pack items' }).getByRole('listitem').first()).toContainText('Commentary');
  const download = page.waitForEvent('download');
  await tabTo(page.getByRole('button', { name: 'Export XLSX' }), 400);
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});

test('the results grid keeps its active cell in view sideways as well as down', async ({ workbench: page }) => {
  await page.getByRole('button', { name: 'New SQL console' }).click();
  const columns = Array.from({ length: 30 }, (_, i) => `${i} * 1000000 AS "a rather long column name ${i}"`).join(', ');
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(`SELECT ${columns} FROM range(100)`);
  await page.getByRole('button', { name: 'Run query' }).click();
  const results = page.getByRole('grid').last();
  await expect(results).toBeVisible();
  await results.focus();
  for (let i = 0; i < 23; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
  const inView = await results.evaluate((grid) => {
    const id = grid.getAttribute('aria-activedescendant');
    const cell = id ? document.getElementById(id) : null;
    if (!cell) return 'no active cell';
    const [g, c] = [grid.getBoundingClientRect(), cell.getBoundingClientRect()];
    const head = grid.querySelector('[role="rowgroup"]')!.getBoundingClientRect().height;
    return c.left >= g.left - 0.5 && c.right <= g.right + 0.5 && c.top >= g.top + head - 0.5 && c.bottom <= g.bottom + 0.5 ? 'in view' : `${JSON.stringify(c)} outside ${JSON.stringify(g)}`;
  });
  expect(inView).toBe('in view');
});

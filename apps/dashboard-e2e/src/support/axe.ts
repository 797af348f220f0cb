import { readFileSync } from 'node:fs';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** axe-core as the browser runs it, read once. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Every rule of WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  rule: string;
  impact: string | null;
  help: string;
  /** Each offending element: its selector and what is wrong with it. */
  nodes: string[];
}

/**
 * The WCAG 2.1 A and AA violations axe-core finds in the page as it is now.
 *
 * axe is injected as a script, which the dashboard's Content-Security-Policy forbids: the
 * context of a page scanned this way must be opened with `bypassCSP: true`, and is then
 * no test of the policy itself (the other suites watch for CSP violations).
 *
 * Cards far off screen are skipped by `content-visibility: auto` and would not be checked,
 * so the viewport is made as tall as the page for the scan: every card is then rendered.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('The page has no viewport');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height + 200) });
  try {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_21_AA }, resultTypes: ['violations'] };
    const results = await page.evaluate(
      (runOptions) => (Reflect.get(window, 'axe') as { run(context: Document, options: RunOptions): Promise<AxeResults> }).run(document, runOptions),
      options,
    );
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
  } finally {
    await page.setViewportSize(viewport);
  }
}

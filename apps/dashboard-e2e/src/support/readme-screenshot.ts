import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WORKSPACE_ROOT } from '@hfd/test-support';

/**
 * Where a browser test puts a README picture it takes on the way: into docs/screenshots only
 * when asked (`UPDATE_SCREENSHOTS=1`), so that `npm test` never rewrites committed files;
 * otherwise into tmp/screenshots, so the picture is still taken and can be looked at.
 */
export async function readmeScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const dir = join(WORKSPACE_ROOT, process.env['UPDATE_SCREENSHOTS'] === '1' ? 'docs/screenshots' : 'tmp/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: options.fullPage ?? false });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium (CI installs it with apt); playwright-core downloads no browser. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Desktop size of the tests and the README screenshots. */
export const DESKTOP = { width: 1400, height: 900 } as const;
/** A small phone. */
export const PHONE = { width: 375, height: 812 } as const;

/** Something the page did that a working dashboard never does. */
export interface PageProblem {
  kind: 'csp-violation' | 'console-error' | 'page-error';
  text: string;
}

/** A browser context with one page, and everything that went wrong in it. */
export interface DashboardSession {
  context: BrowserContext;
  page: Page;
  /** CSP violations, console errors and uncaught exceptions so far, over every page load. */
  problems: PageProblem[];
}

/**
 * Registered before any script of the page runs (and again on every load): each
 * `securitypolicyviolation` is handed to the test process at once, so a reload cannot lose it.
 */
const CSP_COLLECTOR = `
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__hfdReportCsp(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' (' + event.sourceFile + ':' + event.lineNumber + ')');
  });
`;

/**
 * One Chromium per spec file. It is launched the way this machine allows (a persistent
 * context on a fresh profile directory: Playwright refuses --user-data-dir in args), and
 * each test opens fresh, isolated contexts on it with `open`.
 */
export class BrowserHost {
  private readonly contexts = new Set<BrowserContext>();

  private constructor(
    private readonly profile: BrowserContext,
    private readonly browser: Browser,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<BrowserHost> {
    const profileDir = mkdtempSync(join(tmpdir(), 'hfd-dashboard-e2e-'));
    try {
      const profile = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      const browser = profile.browser();
      if (!browser) throw new Error('Chromium started without a browser handle');
      return new BrowserHost(profile, browser, profileDir);
    } catch (error) {
      rmSync(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * A fresh context (own storage, so theme, language and session start blank) with one
   * page at `url`, watched for CSP violations, console errors and uncaught exceptions.
   * English and a light system scheme unless said otherwise, so no test depends on the
   * machine's locale or preferences.
   */
  async open(url: string, options: BrowserContextOptions = {}): Promise<DashboardSession> {
    const context = await this.browser.newContext({
      viewport: DESKTOP,
      deviceScaleFactor: 1,
      locale: 'en-US',
      colorScheme: 'light',
      reducedMotion: 'reduce',
      ...options,
    });
    this.contexts.add(context);
    context.once('close', () => this.contexts.delete(context));
    const problems: PageProblem[] = [];
    await context.exposeFunction('__hfdReportCsp', (text: string) => problems.push({ kind: 'csp-violation', text }));
    await context.addInitScript(CSP_COLLECTOR);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push({ kind: 'console-error', text: message.text() });
    });
    page.on('pageerror', (error) => problems.push({ kind: 'page-error', text: error.message }));
    // Generous: two cores shared with other work; every wait below polls a condition.
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    return { context, page, problems };
  }

  /** Closes the contexts a test left open (also after a failure). */
  async closeContexts(): Promise<void> {
    await Promise.all([...this.contexts].map((context) => context.close()));
  }

  async close(): Promise<void> {
    await this.closeContexts();
    await this.profile.close();
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { sleep } from '@hfd/test-support';
import { serverEnv, startBenchHub } from '../lib/hub';
import { median } from '../lib/percentiles';
import { ProcSampler, type ProcSummary } from '../lib/proc-stats';
import { spawnServer } from '../lib/server';
import { waitForInventory } from '../lib/stream-fleet';

export interface PageOptions {
  spaces: number;
  latencyMs: number;
  /** Cold loads (fresh profile each): the card time and JS size are taken from each. */
  loads: number;
  /** Seconds of live updates watched for long tasks, after the last load. */
  watchSeconds: number;
  seed: number;
  serverEntry?: string;
  dashboardDir?: string;
}

export interface PageLoad {
  /** Navigation start → the animation frame in which every card had its title. */
  allCardsMs: number;
  firstContentfulPaintMs: number | null;
  /** Script resources that finished loading by then: what the first view needed. */
  /** `gzipFiles` of `files` came gzip-encoded; the server leaves files under 1 KB as they are. */
  initialJs: { files: number; gzipFiles: number; transferBytes: number; encodedBytes: number; decodedBytes: number };
  /** Every script resource of the page by the end of the load (lazy chunks included). */
  allJs: { files: number; encodedBytes: number };
  /** Long tasks until every card showed (start-up work; also shows the observer works). */
  loadLongTasks: { count: number; longestMs: number };
}

export interface LongTask {
  startMs: number;
  durationMs: number;
}

export interface PageResult {
  spaces: number;
  runningWithMetrics: number;
  loads: PageLoad[];
  median: { allCardsMs: number };
  watch: {
    seconds: number;
    longTasks: LongTask[];
    longestTaskMs: number;
    /** Main-thread busy time ÷ wall time over the window (CDP Performance.getMetrics TaskDuration). */
    mainThreadBusy: number;
    scriptSeconds: number;
    layoutSeconds: number;
    styleSeconds: number;
    /** What arrived on the page's event stream during the window (CDP Network.dataReceived). */
    streamBytes: number;
    streamChunks: number;
  };
  server: ProcSummary;
  targets: { allCardsMs: number; allCardsMet: boolean; initialJsKb: number; initialJsMet: boolean; longTaskMs: number; longTaskMet: boolean };
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface BenchWindow {
  __bench?: { longTasks: LongTask[]; allCardsAt: number | null };
}

/**
 * Runs in the page before any of its scripts: collects long tasks (PerformanceObserver) and
 * notes the frame in which the expected number of cards all have a title.
 */
function instrument(expected: number): void {
  const state = { longTasks: [] as LongTask[], allCardsAt: null as number | null };
  (window as BenchWindow).__bench = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending || state.allCardsAt !== null) return;
    const titles = document.querySelectorAll('hf-space-card .title-text');
    let shown = 0;
    titles.forEach((title) => {
      if ((title.textContent ?? '').trim() !== '') shown++;
    });
    if (shown < expected) return;
    pending = true;
    observer.disconnect();
    // The frame that paints them.
    requestAnimationFrame(() => {
      state.allCardsAt = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

async function launch(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'hfd-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    // The target is in gzip bytes; Chromium would otherwise ask for (and get) Brotli.
    extraHTTPHeaders: { 'Accept-Encoding': 'gzip' },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface ResourceRow {
  name: string;
  initiatorType: string;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}

async function coldLoad(page: Page, url: string, expected: number): Promise<PageLoad> {
  const encodings = new Map<string, string>();
  page.on('response', (response) => {
    if (!response.url().endsWith('.js')) return;
    // allHeaders(): headers() leaves out what the network stack handled, Content-Encoding among them.
    void response.allHeaders().then((headers) => encodings.set(response.url(), headers['content-encoding'] ?? 'identity'));
  });
  await page.addInitScript(instrument, expected);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as BenchWindow).__bench?.allCardsAt !== null, undefined, { timeout: 60_000, polling: 100 });
  const measured = await page.evaluate(() => {
    const state = (window as BenchWindow).__bench;
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const resources = performance.getEntriesByType('resource').map((entry) => {
      const r = entry as PerformanceResourceTiming;
      return {
        name: r.name,
        initiatorType: r.initiatorType,
        responseEnd: r.responseEnd,
        transferSize: r.transferSize,
        encodedBodySize: r.encodedBodySize,
        decodedBodySize: r.decodedBodySize,
      };
    });
    const allCardsAt = state?.allCardsAt ?? Number.NaN;
    const loadTasks = (state?.longTasks ?? []).filter((task) => task.startMs <= allCardsAt);
    return { allCardsAt, fcp: paint ? paint.startTime : null, resources, loadTasks };
  });
  const scripts: ResourceRow[] = measured.resources.filter((r: ResourceRow) => new URL(r.name).pathname.endsWith('.js'));
  const initial = scripts.filter((r) => r.responseEnd <= measured.allCardsAt);
  return {
    allCardsMs: measured.allCardsAt,
    firstContentfulPaintMs: measured.fcp,
    initialJs: {
      files: initial.length,
      transferBytes: initial.reduce((sum, r) => sum + r.transferSize, 0),
      encodedBytes: initial.reduce((sum, r) => sum + r.encodedBodySize, 0),
      decodedBytes: initial.reduce((sum, r) => sum + r.decodedBodySize, 0),
      gzipFiles: initial.filter((r) => encodings.get(r.name) === 'gzip').length,
    },
    allJs: { files: scripts.length, encodedBytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0) },
    loadLongTasks: { count: measured.loadTasks.length, longestMs: measured.loadTasks.reduce((max, task) => Math.max(max, task.durationMs), 0) },
  };
}

/**
 * Bytes and chunks arriving on the page's event stream, seen through CDP. Attached before
 * navigation, so the stream's request is known when it starts.
 */
class StreamMeter {
  bytes = 0;
  chunks = 0;
  private readonly requests = new Set<string>();

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (event) => {
      if (event.request.url.includes('/api/v1/stream')) this.requests.add(event.requestId);
    });
    cdp.on('Network.dataReceived', (event) => {
      if (!this.requests.has(event.requestId)) return;
      this.chunks++;
      this.bytes += event.dataLength;
    });
  }

  reset(): void {
    this.bytes = 0;
    this.chunks = 0;
  }
}

async function watchUpdates(cdp: CDPSession, meter: StreamMeter, page: Page, seconds: number): Promise<PageResult['watch']> {
  await cdp.send('Performance.enable');
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { at: get('Timestamp'), task: get('TaskDuration'), script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
  };
  const startedAt = await page.evaluate(() => performance.now());
  const before = await metric();
  meter.reset();
  await sleep(seconds * 1000);
  const after = await metric();
  const { bytes, chunks } = meter;
  const longTasks = await page.evaluate((from) => ((window as BenchWindow).__bench?.longTasks ?? []).filter((task) => task.startMs >= from), startedAt);
  return {
    seconds,
    longTasks,
    longestTaskMs: longTasks.reduce((max, task) => Math.max(max, task.durationMs), 0),
    mainThreadBusy: (after.task - before.task) / (after.at - before.at),
    scriptSeconds: after.script - before.script,
    layoutSeconds: after.layout - before.layout,
    styleSeconds: after.style - before.style,
    streamBytes: bytes,
    streamChunks: chunks,
  };
}

/**
 * Headless Chromium on the production dashboard with a fleet of `spaces` Spaces: time to
 * every card, initial JavaScript in gzip bytes, long tasks while live metrics stream in.
 */
export async function runPage(options: PageOptions, log: (line: string) => void): Promise<PageResult> {
  const hub = await startBenchHub({
    scenario: { accounts: 5, spacesPerAccount: Math.ceil(options.spaces / 5), seed: options.seed, privateShare: 0 },
    latencyMs: options.latencyMs,
    unlimited: true,
  });
  const expected = hub.scenario.spaces.length;
  const runningWithMetrics = hub.scenario.spaces.filter((space) => space.sdk !== 'static' && space.stage === 'RUNNING').length;
  const env = serverEnv(hub, hub.url, options.dashboardDir ? { DASHBOARD_DIR: options.dashboardDir } : {});
  const server = await spawnServer(env, options.serverEntry);
  try {
    await server.waitUntilReady();
    await waitForInventory(server);
    const loads: PageLoad[] = [];
    let watch: PageResult['watch'] | null = null;
    let serverStats: ProcSummary | null = null;
    for (let i = 0; i < options.loads; i++) {
      const browser = await launch();
      const watched = i === options.loads - 1;
      try {
        // Only the watched load runs with DevTools' network domain on.
        const cdp = watched ? await browser.context.newCDPSession(browser.page) : null;
        if (cdp) await cdp.send('Network.enable');
        const meter = cdp ? new StreamMeter(cdp) : null;
        const load = await coldLoad(browser.page, `${server.url}/`, expected);
        loads.push(load);
        log(`  load ${i + 1}/${options.loads}: all ${expected} cards at ${load.allCardsMs.toFixed(0)} ms, initial JS ${(load.initialJs.encodedBytes / 1024).toFixed(1)} KB gzip in ${load.initialJs.files} files`);
        if (cdp && meter) {
          // Let the first samples of every Space arrive before the window opens.
          await sleep(3000);
          const sampler = new ProcSampler(server.pid);
          sampler.start();
          watch = await watchUpdates(cdp, meter, browser.page, options.watchSeconds);
          serverStats = sampler.stop();
          log(`  ${options.watchSeconds} s of live updates: ${watch.longTasks.length} long task(s), longest ${watch.longestTaskMs.toFixed(0)} ms, main thread ${(watch.mainThreadBusy * 100).toFixed(1)} % busy`);
        }
      } finally {
        await browser.close();
      }
    }
    if (!watch || !serverStats) throw new Error('No page load was watched');
    const allCardsMs = median(loads.map((load) => load.allCardsMs));
    const initialJsKb = Math.max(...loads.map((load) => load.initialJs.encodedBytes)) / 1024;
    return {
      spaces: expected,
      runningWithMetrics,
      loads,
      median: { allCardsMs },
      watch,
      server: serverStats,
      targets: {
        allCardsMs: 1500,
        allCardsMet: allCardsMs <= 1500,
        initialJsKb: 300,
        initialJsMet: initialJsKb <= 300,
        longTaskMs: 100,
        longTaskMet: watch.longestTaskMs <= 100,
      },
    };
  } finally {
    await server.stop();
    await hub.close();
  }
}

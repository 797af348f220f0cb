import type { ChurnResult } from '../scenarios/churn';
import type { FanoutResult } from '../scenarios/fanout';
import type { InventoryResult } from '../scenarios/inventory';
import type { PageResult } from '../scenarios/page';
import { persistenceChecks, persistenceRows } from '../scenarios/persistence';
import type { BenchResults, Measured, TargetCheck } from './results';

export interface Row {
  scenario: string;
  measure: string;
  result: string;
  target: string;
  /** '' when the row has no target. */
  status: '' | 'met' | 'MISSED';
}

const ms = (value: number) => `${Math.round(value)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pct = (value: number) => `${value.toFixed(0)} %`;
const status = (met: boolean): Row['status'] => (met ? 'met' : 'MISSED');
const load = (m: Measured<unknown>) => `load ${m.loadAverage.join(' / ')}`;

function inventoryRows(m: Measured<InventoryResult>): Row[] {
  const r = m.result;
  const scenario = `Inventory ${r.accounts}×${r.spacesPerAccount}, ${r.latencyMs} ms Hub latency`;
  const runs = r.runs.map((run) => Math.round(run.coldStartMs)).join(', ');
  const routes = Object.entries(r.runs[0]?.byRoute ?? {})
    .map(([route, n]) => `${n} ${route}`)
    .join(', ');
  const rows: Row[] = [
    { scenario, measure: `(${load(m)})`, result: '', target: '', status: '' },
    { scenario, measure: 'Cold start → complete GET /api/v1/spaces (median)', result: `${ms(r.median.coldStartMs)} (runs: ${runs})`, target: '', status: '' },
    { scenario, measure: '… of which process start-up until listening', result: ms(r.median.listeningMs), target: '', status: '' },
    { scenario, measure: '… of which Hub phase (first request → last answer)', result: ms(r.median.hubPhaseMs), target: '', status: '' },
    { scenario, measure: 'Hub requests', result: `${r.hubRequests} (${routes})`, target: '', status: '' },
    { scenario, measure: 'Hub round trips', result: String(r.roundTrips), target: `≤ ${r.targets.roundTripsMax}`, status: status(r.targets.roundTripsMet) },
    { scenario, measure: 'List requests', result: `${r.listRequests} for ${r.accounts} accounts (1 page each)`, target: '1 per account per page', status: status(r.targets.oneListPerAccountMet) },
  ];
  if (r.baseline && r.speedup) {
    rows.push(
      { scenario, measure: "Original's approach (sequential list + info per Space)", result: `${ms(r.baseline.totalMs)}, ${r.baseline.requests} Hub requests`, target: '', status: '' },
      { scenario, measure: 'Speed-up (original ÷ ours)', result: `×${r.speedup.coldStart.toFixed(1)} from cold start; ×${r.speedup.hubPhase.toFixed(0)} on the Hub phase alone`, target: '', status: '' },
    );
  }
  return rows;
}

function fanoutRows(m: Measured<FanoutResult>): Row[] {
  const r = m.result;
  const scenario = `Fan-out ${r.clients} clients × ${r.spaces} Spaces at 1 Hz${r.phases === 'spread' ? ', samples spread over the second' : ''}`;
  const w = r.delivered.workers;
  const workerCpu = w.map((worker) => pct(worker.cpuPct)).join(' + ');
  const workerElu = w.map((worker) => worker.eventLoopUtilization.toFixed(2)).join(', ');
  const workerDelay = w.map((worker) => `${worker.eventLoopDelayP99Ms.toFixed(0)}/${worker.eventLoopDelayMaxMs.toFixed(0)} ms`).join(', ');
  return [
    { scenario, measure: `(${load(m)})`, result: '', target: '', status: '' },
    { scenario, measure: 'Clients live (stream open, metrics arriving)', result: `${r.clientsLive} / ${r.clients} after ${r.connectSeconds.toFixed(1)} s`, target: '', status: '' },
    {
      scenario,
      measure: 'How the samples came',
      result: `${
        r.phases === 'spread'
          ? `${r.samplesSent} samples spread over the ${r.durationSeconds} s`
          : `${r.bursts.count} bursts of ${r.bursts.samplesPerBurst} samples, ${r.bursts.medianWidthMs} ms wide (median)`
      }; clients read ${Math.round(r.delivered.chunks / r.durationSeconds)} chunks/s`,
      target: '',
      status: '',
    },
    { scenario, measure: 'Latency emulator send → client receive, p50 / p99 (max)', result: `${r.delivered.latency.p50} / ${r.delivered.latency.p99} ms (${r.delivered.latency.max} ms)`, target: '< 100 ms p99', status: status(r.targets.p99Met) },
    { scenario, measure: `Events delivered per second (${r.durationSeconds} s window)`, result: `${Math.round(r.delivered.eventsPerSecond)} (${(r.deliveryRatio * 100).toFixed(1)} % of ${Math.round(r.expectedEvents / r.durationSeconds)} expected)`, target: '', status: '' },
    { scenario, measure: 'Server CPU, mean (max 1 s), % of one core', result: `${pct(r.server.cpuPctMean)} (${pct(r.server.cpuPctMax)})`, target: '', status: '' },
    { scenario, measure: 'Server RSS, max', result: mb(r.server.rssMaxBytes), target: '< 300 MB', status: status(r.targets.rssMet) },
    { scenario, measure: 'Upstream streams (emulator / server gauge)', result: `${r.upstreams.emulator} / ${r.upstreams.serverGauge}`, target: `= ${r.spaces}`, status: status(r.targets.upstreamsMet) },
    { scenario, measure: `Client side: ${w.length} worker(s), CPU / event-loop use / loop delay p99/max`, result: `${workerCpu} / ${workerElu} / ${workerDelay}`, target: '', status: '' },
  ];
}

function churnRows(m: Measured<ChurnResult>): Row[] {
  const r = m.result;
  const scenario = `Churn ${r.cycles} connect/disconnect cycles`;
  return [
    { scenario, measure: `(${load(m)})`, result: '', target: '', status: '' },
    { scenario, measure: 'Cycles completed, errors', result: `${r.churn.completed} / ${r.cycles}, ${r.churn.errors} error(s), ${r.cyclesPerSecond.toFixed(0)} cycles/s (${r.concurrency} at a time)`, target: 'no errors', status: status(r.targets.noErrorsMet) },
    { scenario, measure: 'Connect → first metric event, p50 / p99', result: `${r.churn.firstMetric.p50} / ${r.churn.firstMetric.p99} ms`, target: '', status: '' },
    {
      scenario,
      measure: 'Server RSS: idle → start → peak → settled',
      result: `${mb(r.rss.idleBytes)} → ${mb(r.rss.startBytes)} → ${mb(r.rss.peakBytes)} → ${mb(r.rss.settledBytes)} (${(r.rss.growth * 100).toFixed(1)} % vs start, ${r.rss.settleSeconds === null ? 'not back within 10 % in 90 s' : `back within 10 % ${r.rss.settleSeconds} s after the churn`})`,
      target: '≤ start + 10 %',
      status: status(r.targets.rssMet),
    },
    { scenario, measure: 'Upstream streams afterwards', result: `0 after ${r.upstreams.zeroAfterSeconds === null ? 'never (30 s)' : `${r.upstreams.zeroAfterSeconds.toFixed(1)} s`}; gauges: upstreams ${r.upstreams.serverGauge}, clients ${r.upstreams.streamClientsGauge}`, target: '0', status: status(r.targets.upstreamsMet) },
    { scenario, measure: 'Server log', result: `${r.serverLog.errors} error(s), ${r.serverLog.warnings} warning(s)`, target: '', status: '' },
  ];
}

function pageRows(m: Measured<PageResult>): Row[] {
  const r = m.result;
  const scenario = `Page: ${r.spaces} Spaces (${r.runningWithMetrics} live), headless Chromium`;
  const loads = r.loads.map((l) => Math.round(l.allCardsMs)).join(', ');
  const js = r.loads[0]?.initialJs;
  const longest = r.watch.longTasks.length === 0 ? 'none' : `${r.watch.longTasks.length}, longest ${ms(r.watch.longestTaskMs)}`;
  return [
    { scenario, measure: `(${load(m)})`, result: '', target: '', status: '' },
    { scenario, measure: 'Navigation → every card shown (median)', result: `${ms(r.median.allCardsMs)} (loads: ${loads})`, target: '≤ 1500 ms', status: status(r.targets.allCardsMet) },
    { scenario, measure: 'Initial JS transferred, gzip', result: js ? `${kb(js.encodedBytes)} in ${js.files} files (${js.gzipFiles} gzip; ${kb(js.decodedBytes)} decoded)` : '-', target: '≤ 300 KB', status: status(r.targets.initialJsMet) },
    {
      scenario,
      measure: 'Long tasks during the load (start-up, for reference)',
      result: r.loads.map((l) => `${l.loadLongTasks.count}, longest ${ms(l.loadLongTasks.longestMs)}`).join('; '),
      target: '',
      status: '',
    },
    { scenario, measure: `Long tasks during ${r.watch.seconds} s of live updates`, result: longest, target: 'none > 100 ms', status: status(r.targets.longTaskMet) },
    { scenario, measure: 'Main thread busy during updates', result: `${(r.watch.mainThreadBusy * 100).toFixed(1)} % (script ${r.watch.scriptSeconds.toFixed(2)} s, layout ${r.watch.layoutSeconds.toFixed(2)} s, style ${r.watch.styleSeconds.toFixed(2)} s)`, target: '', status: '' },
    { scenario, measure: 'Stream received during the window', result: `${kb(r.watch.streamBytes)} in ${r.watch.streamChunks} chunks`, target: '', status: '' },
  ];
}

export function resultRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  for (const m of results.scenarios.inventory) rows.push(...inventoryRows(m));
  for (const m of results.scenarios.fanout) rows.push(...fanoutRows(m));
  if (results.scenarios.churn) rows.push(...churnRows(results.scenarios.churn));
  if (results.scenarios.page) rows.push(...pageRows(results.scenarios.page));
  if (results.scenarios.persistence) rows.push(...persistenceRows(results.scenarios.persistence));
  for (const failure of results.failures) rows.push({ scenario: failure.scenario, measure: 'FAILED', result: failure.error.slice(0, 200), target: '', status: 'MISSED' });
  return rows;
}

/** Every target, with what was measured and the margin or the shortfall. */
export function targetChecks(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const by = (measured: number, limit: number, unit: string, lowerIsBetter = true) => {
    const diff = lowerIsBetter ? measured - limit : limit - measured;
    return diff > 0 ? `missed by ${diff.toFixed(unit === ' MB' || unit === ' KB' ? 0 : 1)}${unit} (${((diff / limit) * 100).toFixed(0)} % over)` : `${Math.abs(diff).toFixed(1)}${unit} to spare`;
  };
  for (const { result: r } of results.scenarios.inventory) {
    const scenario = `inventory ${r.accounts}×${r.spacesPerAccount}`;
    checks.push({ scenario, target: '≤ 2 Hub round trips', measured: `${r.roundTrips}`, met: r.targets.roundTripsMet, note: r.targets.roundTripsMet ? '' : `missed by ${r.roundTrips - 2}` });
    checks.push({ scenario, target: 'one list request per account per page', measured: `${r.listRequests} for ${r.accounts}`, met: r.targets.oneListPerAccountMet, note: '' });
  }
  const cores = results.machine.cores;
  for (const { result: r, loadAverage } of results.scenarios.fanout) {
    const scenario = `fan-out ${r.clients} clients${r.phases === 'spread' ? ' (spread)' : ''}`;
    const p99 = r.delivered.latency.p99;
    // What a miss needs to be read against: how busy the server and the machine were.
    const context = `server ${r.server.cpuPctMean.toFixed(0)} % of a core (max ${r.server.cpuPctMax.toFixed(0)} %), load average ${loadAverage[0]} on ${cores} cores`;
    checks.push({
      scenario,
      target: 'p99 < 100 ms',
      measured: `${p99} ms${r.clientsLive < r.clients ? ` (${r.clientsLive}/${r.clients} clients live)` : ''}`,
      met: r.targets.p99Met,
      note: r.clientsLive < r.clients ? `only ${r.clientsLive} of ${r.clients} clients got in; ${context}` : `${by(p99, 100, ' ms')}${r.targets.p99Met ? '' : `; ${context}`}`,
    });
    checks.push({
      scenario,
      target: 'RSS < 300 MB',
      measured: mb(r.server.rssMaxBytes),
      met: r.targets.rssMet,
      // A maximum well above both ends of the window is the garbage collector's high-water mark, not growth.
      note: `${by(r.server.rssMaxBytes / 2 ** 20, 300, ' MB')}${r.targets.rssMet ? '' : `; RSS ${mb(r.server.rssStartBytes)} at the window's start, ${mb(r.server.rssEndBytes)} at its end; ${context}`}`,
    });
    checks.push({ scenario, target: `upstream streams = ${r.spaces}`, measured: `${r.upstreams.emulator} (gauge ${r.upstreams.serverGauge})`, met: r.targets.upstreamsMet, note: '' });
  }
  const churn = results.scenarios.churn?.result;
  if (churn) {
    checks.push({
      scenario: 'churn',
      target: 'RSS settles within 10 % of start',
      measured: `${churn.rss.growth >= 0 ? '+' : ''}${(churn.rss.growth * 100).toFixed(1)} %${churn.rss.settleSeconds === null ? '' : ` after ${churn.rss.settleSeconds} s`}`,
      met: churn.targets.rssMet,
      note: churn.targets.rssMet ? '' : `missed by ${((churn.rss.growth - 0.1) * 100).toFixed(1)} points`,
    });
    checks.push({ scenario: 'churn', target: 'upstream streams back to 0', measured: churn.upstreams.zeroAfterSeconds === null ? 'not within 30 s' : `0 after ${churn.upstreams.zeroAfterSeconds.toFixed(1)} s`, met: churn.targets.upstreamsMet, note: '' });
    checks.push({ scenario: 'churn', target: 'no errors', measured: `${churn.churn.errors + churn.warmup.errors} client, ${churn.serverLog.errors} server`, met: churn.targets.noErrorsMet, note: '' });
  }
  const page = results.scenarios.page?.result;
  if (page) {
    checks.push({ scenario: 'page', target: 'every card ≤ 1.5 s', measured: ms(page.median.allCardsMs), met: page.targets.allCardsMet, note: by(page.median.allCardsMs, 1500, ' ms') });
    const js = Math.max(...page.loads.map((l) => l.initialJs.encodedBytes)) / 1024;
    checks.push({ scenario: 'page', target: 'initial JS ≤ 300 KB gzip', measured: `${js.toFixed(1)} KB`, met: page.targets.initialJsMet, note: by(js, 300, ' KB') });
    checks.push({ scenario: 'page', target: 'no long task > 100 ms from updates', measured: page.watch.longTasks.length === 0 ? 'no long task' : `longest ${ms(page.watch.longestTaskMs)}`, met: page.targets.longTaskMet, note: '' });
  }
  if (results.scenarios.persistence) checks.push(...persistenceChecks(results.scenarios.persistence.result));
  return checks;
}

/** Fixed-width text for the console. */
export function textTable(rows: readonly Row[]): string {
  const headers: Row = { scenario: 'Scenario', measure: 'Measure', result: 'Result', target: 'Target', status: '' };
  const columns = ['measure', 'result', 'target', 'status'] as const;
  const width = Object.fromEntries(columns.map((c) => [c, Math.max(...[headers, ...rows].map((r) => r[c].length))])) as Record<(typeof columns)[number], number>;
  const lines: string[] = [];
  let current = '';
  for (const row of rows) {
    if (row.scenario !== current) {
      current = row.scenario;
      lines.push('', `== ${row.scenario}`);
    }
    lines.push(columns.map((c) => row[c].padEnd(width[c])).join('  ').trimEnd());
  }
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown table of docs/performance.md. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| Scenario | Measure | Result | Target | |', '|---|---|---|---|---|'];
  let current = '';
  for (const row of rows) {
    const scenario = row.scenario === current ? '' : `**${cell(row.scenario)}**`;
    current = row.scenario;
    lines.push(`| ${scenario} | ${cell(row.measure)} | ${cell(row.result)} | ${cell(row.target)} | ${row.status === 'MISSED' ? '**missed**' : row.status} |`);
  }
  return lines.join('\n');
}

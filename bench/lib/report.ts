import type { ChurnResult } from '../scenarios/churn';
import type { FanoutResult } from '../scenarios/fanout';
import type { InventoryResult } from '../scenarios/inventory';
import { spreadOf, type Spread } from './percentiles';
import type { ListResult, ListSide } from '../scenarios/list';
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
    { scenario, measure: `Cold start → complete GET /api/v1/spaces, median (min–max) of ${r.runs.length}`, result: `${spreadText(r.coldStartMs, ms)} (runs: ${runs})`, target: '', status: '' },
    { scenario, measure: '… of which process start-up until listening (median)', result: ms(r.median.listeningMs), target: '', status: '' },
    {
      scenario,
      measure: `… of which Hub phase (median): ${r.roundTrips} round trip(s) of the emulator's fixed ${r.latencyMs} ms, so mostly that latency, not a measurement`,
      result: ms(r.median.hubPhaseMs),
      target: '',
      status: '',
    },
    { scenario, measure: 'Hub requests', result: `${r.hubRequests} (${routes})`, target: '', status: '' },
    { scenario, measure: 'Hub round trips', result: String(r.roundTrips), target: `≤ ${r.targets.roundTripsMax}`, status: status(r.targets.roundTripsMet) },
    { scenario, measure: 'List requests', result: `${r.listRequests} for ${r.accounts} accounts (1 page each)`, target: '1 per account per page', status: status(r.targets.oneListPerAccountMet) },
  ];
  if (r.baseline && r.speedup) {
    const baselineRuns = r.baseline.runs.map((run) => Math.round(run.totalMs)).join(', ');
    rows.push(
      {
        scenario,
        measure: `Original's approach (sequential list + info per Space), median (min–max) of ${r.baseline.runs.length}: ${r.baseline.requests} requests one after another, each the emulator's fixed ${r.latencyMs} ms, so about ${r.baseline.requests} × ${r.latencyMs} ms by construction`,
        result: `${spreadText(r.baseline.totalMs, ms)} (runs: ${baselineRuns})`,
        target: '',
        status: '',
      },
      {
        scenario,
        measure: 'Speed-up (original ÷ ours, medians): both sides are mostly the fixed latency times their round trips',
        result: `×${r.speedup.coldStart.toFixed(1)} from cold start; ×${r.speedup.hubPhase.toFixed(0)} on the Hub phase alone`,
        target: '',
        status: '',
      },
    );
  }
  return rows;
}

function spreadText(spread: Spread, format: (value: number) => string): string {
  return `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})`;
}

/** Runs of one fan-out configuration, in the order they ran. */
export interface FanoutGroup {
  title: string;
  /** What the target checks call it. */
  name: string;
  runs: Array<Measured<FanoutResult>>;
}

function fanoutKey(r: FanoutResult): string {
  return `${r.phases} ${r.clients} ${r.caps ? 'caps' : 'no-caps'}${r.large ? ' large' : ''}`;
}

export function fanoutGroups(results: BenchResults): FanoutGroup[] {
  const groups = new Map<string, FanoutGroup>();
  for (const m of results.scenarios.fanout) {
    const r = m.result;
    const key = fanoutKey(r);
    let group = groups.get(key);
    if (!group) {
      group = {
        title: `Fan-out ${r.clients} clients × ${r.spaces} Spaces at 1 Hz, samples ${r.phases === 'spread' ? 'spread over the second' : 'in one burst a second'}${r.caps ? '' : ', stream caps off'}`,
        name: `fan-out ${r.clients} clients${r.phases === 'spread' ? ' (spread)' : ''}${r.caps ? '' : ' (caps off)'}`,
        runs: [],
      };
      groups.set(key, group);
    }
    group.runs.push(m);
  }
  return [...groups.values()];
}

const spreadOfRuns = (group: FanoutGroup, value: (r: FanoutResult) => number): Spread => spreadOf(group.runs.map((m) => value(m.result)));
const round1 = (value: number) => Math.round(value * 10) / 10;

/** The targets of a fan-out configuration, judged on the median of its runs (RSS on the highest). */
function fanoutTargets(group: FanoutGroup, all: readonly FanoutGroup[], cores: number): TargetCheck[] {
  const first = group.runs[0]?.result;
  if (!first) return [];
  const scenario = group.name;
  const checks: TargetCheck[] = [];
  const p99 = spreadOfRuns(group, (r) => r.delivered.latency.p99);
  const cpu = spreadOfRuns(group, (r) => r.server.cpuPctMean);
  const rssMb = Math.max(...group.runs.map((m) => m.result.server.rssMaxBytes)) / 2 ** 20;
  const allLive = group.runs.every((m) => m.result.clientsLive === m.result.clients);
  const loads = group.runs.map((m) => m.loadAverage[0]).join(', ');
  const context = `server ${cpu.median.toFixed(0)} % of a core; load average ${loads} on ${cores} cores`;
  const judged = `median of ${group.runs.length} run(s): ${group.runs.map((m) => `${m.result.delivered.latency.p99} ms`).join(', ')}`;
  const live = allLive ? '' : `; not every client got in: ${group.runs.map((m) => `${m.result.clientsLive}/${m.result.clients}`).join(', ')}`;
  if (!first.caps) {
    // Only there to compare with: the caps' cost is judged on the same clients with the caps on.
    return checks;
  }
  if (!first.large) {
    const limit = first.phases === 'together' ? 100 : 350;
    const met = first.phases === 'together' ? p99.median < limit : p99.median <= limit;
    checks.push({ scenario, target: `p99 ${first.phases === 'together' ? '<' : '≤'} ${limit} ms`, measured: `${p99.median} ms`, met: met && allLive, note: `${judged}${live}${met ? '' : `; ${context}`}` });
  }
  if (first.phases === 'spread' && !first.large) {
    checks.push({ scenario, target: 'server CPU ≤ 30 % of one core', measured: `${round1(cpu.median)} %`, met: cpu.median <= 30, note: `median of ${group.runs.length} run(s): ${group.runs.map((m) => `${m.result.server.cpuPctMean.toFixed(1)} %`).join(', ')}` });
  }
  const rssLimit = first.large ? 600 : 300;
  checks.push({ scenario, target: `RSS < ${rssLimit} MB`, measured: `${rssMb.toFixed(0)} MB`, met: rssMb < rssLimit, note: `the highest of ${group.runs.length} run(s)` });
  if (first.large) {
    const starved = group.runs.filter((m) => isStarved(m.result));
    checks.push({
      scenario,
      target: 'no viewer starved (each ≥ 95 % of the samples, never 2 s without one)',
      measured: group.runs.map((m) => `least-served ${m.result.delivered.samplesPerClient.min}/${m.result.samplesPerClientExpected}, longest wait ${Math.round(m.result.delivered.longestGapMs)} ms`).join('; '),
      met: starved.length === 0 && allLive,
      note: live.replace(/^; /, ''),
    });
  }
  const upstreamsMet = group.runs.every((m) => m.result.upstreams.emulator === m.result.spaces && m.result.upstreams.serverGauge === m.result.spaces);
  checks.push({ scenario, target: `upstream streams = ${first.spaces}`, measured: group.runs.map((m) => `${m.result.upstreams.emulator} (gauge ${m.result.upstreams.serverGauge})`).join(', '), met: upstreamsMet, note: '' });
  const unmatched = group.runs.reduce((sum, m) => sum + m.result.delivered.unmatched, 0);
  checks.push({ scenario, target: 'every sample received was one sent (unmatched = 0)', measured: String(unmatched), met: unmatched === 0, note: 'counted at the end of each window' });
  const off = all.find((other) => other.runs[0]?.result.caps === null && other.runs[0].result.clients === first.clients && other.runs[0].result.phases === first.phases);
  if (off) {
    const offCpu = spreadOfRuns(off, (r) => r.server.cpuPctMean);
    const offP99 = spreadOfRuns(off, (r) => r.delivered.latency.p99);
    const cost = cpu.median / offCpu.median - 1;
    checks.push({
      scenario,
      target: 'the stream caps cost ≤ 5 % (server CPU, caps on vs off, medians)',
      measured: `${cost >= 0 ? '+' : ''}${(cost * 100).toFixed(1)} %`,
      met: cost <= 0.05,
      note: `CPU ${round1(cpu.median)} % vs ${round1(offCpu.median)} %; p99 ${p99.median} ms vs ${offP99.median} ms (runs interleaved)`,
    });
  }
  return checks;
}

/** A viewer that got less than 95 % of the samples, or waited more than 2 s for one. */
function isStarved(r: FanoutResult): boolean {
  return r.delivered.samplesPerClient.min < 0.95 * r.samplesPerClientExpected || r.delivered.longestGapMs > 2000;
}

function fanoutRows(group: FanoutGroup, checks: readonly TargetCheck[]): Row[] {
  const scenario = group.title;
  const first = group.runs[0]?.result;
  if (!first) return [];
  const statusOf = (target: string): Pick<Row, 'target' | 'status'> => {
    const check = checks.find((candidate) => candidate.scenario === group.name && candidate.target.startsWith(target));
    return check ? { target: check.target, status: status(check.met) } : { target: '', status: '' };
  };
  const rows: Row[] = [];
  group.runs.forEach((m, index) => {
    const r = m.result;
    rows.push({
      scenario,
      measure: `Run ${index + 1} (${load(m)})`,
      result: `p50 / p99 (max) ${r.delivered.latency.p50} / ${r.delivered.latency.p99} (${r.delivered.latency.max}) ms; CPU ${pct(r.server.cpuPctMean)} (max ${pct(r.server.cpuPctMax)}); RSS ${mb(r.server.rssMaxBytes)}; ${(r.deliveryRatio * 100).toFixed(1)} % of ${Math.round(r.expectedEvents / r.durationSeconds)} samples/s delivered in ${Math.round(r.delivered.chunks / r.durationSeconds)} reads/s; ${r.clientsLive}/${r.clients} live after ${r.connectSeconds.toFixed(1)} s`,
      target: '',
      status: '',
    });
  });
  const p99 = spreadOfRuns(group, (r) => r.delivered.latency.p99);
  const p50 = spreadOfRuns(group, (r) => r.delivered.latency.p50);
  const cpu = spreadOfRuns(group, (r) => r.server.cpuPctMean);
  const w = first.delivered.workers;
  rows.push(
    {
      scenario,
      measure: 'How the samples came (run 1)',
      result: first.phases === 'spread' ? `${first.samplesSent} samples spread over the ${first.durationSeconds} s` : `${first.bursts.count} bursts of ${first.bursts.samplesPerBurst} samples, ${first.bursts.medianWidthMs} ms wide (median)`,
      target: '',
      status: '',
    },
    { scenario, measure: `Latency emulator send → client receive, p99, median (min–max) of ${group.runs.length}`, result: spreadText(p99, (v) => `${v} ms`), ...statusOf('p99') },
    { scenario, measure: 'Latency p50, median (min–max)', result: spreadText(p50, (v) => `${v} ms`), target: '', status: '' },
    { scenario, measure: 'Server CPU, mean over the window, % of one core, median (min–max)', result: spreadText(cpu, (v) => `${round1(v)} %`), ...statusOf('server CPU') },
    { scenario, measure: 'Server RSS, highest of the runs', result: mb(Math.max(...group.runs.map((m) => m.result.server.rssMaxBytes))), ...statusOf('RSS') },
    {
      scenario,
      measure: 'Least-served client: samples received of those sent in the window; longest wait for one',
      result: group.runs.map((m) => `${m.result.delivered.samplesPerClient.min}/${m.result.samplesPerClientExpected}, ${Math.round(m.result.delivered.longestGapMs)} ms`).join('; '),
      ...statusOf('no viewer starved'),
    },
    { scenario, measure: 'Upstream streams (emulator / server gauge), each run', result: group.runs.map((m) => `${m.result.upstreams.emulator} / ${m.result.upstreams.serverGauge}`).join(', '), ...statusOf('upstream') },
    { scenario, measure: 'Samples received that no send matched, counted at the end of each window', result: group.runs.map((m) => String(m.result.delivered.unmatched)).join(', '), ...statusOf('every sample') },
    { scenario, measure: `Client side (run 1): ${w.length} worker(s), CPU / event-loop use / loop delay p99/max`, result: `${w.map((x) => pct(x.cpuPct)).join(' + ')} / ${w.map((x) => x.eventLoopUtilization.toFixed(2)).join(', ')} / ${w.map((x) => `${x.eventLoopDelayP99Ms.toFixed(0)}/${x.eventLoopDelayMaxMs.toFixed(0)} ms`).join(', ')}`, target: '', status: '' },
  );
  const caps = checks.find((check) => check.scenario === group.name && check.target.startsWith('the stream caps'));
  if (caps) rows.push({ scenario, measure: `What the stream caps cost: server CPU against the same runs with the caps off (${caps.note})`, result: caps.measured, target: '≤ 5 %', status: status(caps.met) });
  return rows;
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

function listRows(m: Measured<ListResult>): Row[] {
  const r = m.result;
  const scenario = `List: GET /api/v1/spaces, ${r.spaces} Spaces, ${r.clients} keep-alive clients, warm, ${r.runs} × ${r.durationSeconds} s per server`;
  const range = (s: Spread, unit: string, digits = 0) => `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)} to ${s.max.toFixed(digits)})`;
  const side = (s: ListSide) =>
    `${range(s.requestsPerSecond, ' req/s')}; p50 ${range(s.p50Ms, ' ms')}; p99 ${range(s.p99Ms, ' ms')}; ${kb(s.bytesPerAnswer)} per answer${s.contentEncoding ? ` (${s.contentEncoding})` : ''}; CPU: server ${pct(s.serverCpuPct)}, load generator ${pct(s.loadGeneratorCpuPct)}`;
  const rows: Row[] = [
    { scenario, measure: `(${load(m)})`, result: '', target: '', status: '' },
    { scenario, measure: 'Idle RSS, warm, before load: ours / original', result: `${mb(r.idleRssBytes.ours)} / ${mb(r.idleRssBytes.original)}`, target: '≤ 110 MB', status: status(r.targets.idleRssMet) },
  ];
  for (const v of r.variants) {
    const how = v.acceptEncoding === null ? 'no Accept-Encoding' : `Accept-Encoding: ${v.acceptEncoding}`;
    rows.push(
      { scenario, measure: `Ours, ${how}: throughput; latency (median, min to max)`, result: side(v.ours), target: `p99 < ${r.targets.p99MaxMs} ms`, status: status(v.p99Met) },
      { scenario, measure: `Original's approach, ${how}`, result: side(v.original), target: '', status: '' },
      { scenario, measure: `Throughput, ours ÷ original's (${how})`, result: `×${v.throughputRatio.toFixed(2)}`, target: `≥ ×${r.targets.throughputRatioMin}`, status: status(v.throughputMet) },
    );
  }
  rows.push({ scenario, measure: 'RSS after the load, max: ours / original', result: `${mb(r.rssMaxBytes.ours)} / ${mb(r.rssMaxBytes.original)}`, target: '', status: '' });
  return rows;
}

export function resultRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  for (const m of results.scenarios.inventory) rows.push(...inventoryRows(m));
  const groups = fanoutGroups(results);
  const checks = groups.flatMap((group) => fanoutTargets(group, groups, results.machine.cores));
  for (const group of groups) rows.push(...fanoutRows(group, checks));
  if (results.scenarios.churn) rows.push(...churnRows(results.scenarios.churn));
  if (results.scenarios.page) rows.push(...pageRows(results.scenarios.page));
  if (results.scenarios.list) rows.push(...listRows(results.scenarios.list));
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
  const groups = fanoutGroups(results);
  for (const group of groups) checks.push(...fanoutTargets(group, groups, results.machine.cores));
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
  const list = results.scenarios.list?.result;
  if (list) {
    for (const v of list.variants) {
      const scenario = `list, ${v.acceptEncoding === null ? 'no Accept-Encoding' : 'browser Accept-Encoding'}`;
      const errors = v.ours.runs.reduce((sum, run) => sum + run.errors + run.non200, 0);
      const note = errors > 0 ? `${errors} of our answers were errors or not 200` : '';
      checks.push({ scenario, target: `throughput ≥ ×${list.targets.throughputRatioMin} the original's`, measured: `×${v.throughputRatio.toFixed(2)}`, met: v.throughputMet, note });
      checks.push({ scenario, target: `p99 < ${list.targets.p99MaxMs} ms`, measured: `${v.ours.p99Ms.median} ms`, met: v.p99Met, note: note || by(v.ours.p99Ms.median, list.targets.p99MaxMs, ' ms') });
    }
    checks.push({ scenario: 'list', target: 'idle RSS ≤ 110 MB', measured: mb(list.idleRssBytes.ours), met: list.targets.idleRssMet, note: by(list.idleRssBytes.ours / 2 ** 20, 110, ' MB') });
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

import { ensureBuild } from './lib/build';
import { publishResults, writeDocs } from './lib/docs';
import { loadAverage, machineInfo } from './lib/machine';
import { fanoutPlans } from './lib/fanout-plans';
import { parseOptions, USAGE, workersFor, type BenchOptions, type ScenarioName } from './lib/options';
import { PERFORMANCE_DOC } from './lib/paths';
import { resultRows, targetChecks, textTable } from './lib/report';
import { readLatest, writeResults, type BenchResults, type Measured } from './lib/results';
import { profileServers } from './lib/server';
import { runChurn } from './scenarios/churn';
import { runFanout } from './scenarios/fanout';
import { runInventory } from './scenarios/inventory';
import { runList } from './scenarios/list';
import { runPage } from './scenarios/page';
import { runPersistence } from './scenarios/persistence';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function measured<T>(name: string, run: () => Promise<T>): Promise<Measured<T>> {
  const average = loadAverage();
  log(`\n${name} (load average ${average.join(' / ')})`);
  return { loadAverage: average, startedAt: new Date().toISOString(), result: await run() };
}

async function runAll(options: BenchOptions, results: BenchResults): Promise<void> {
  const entry = options.serverEntry ?? undefined;
  const attempt = async (scenario: ScenarioName | string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`  FAILED: ${message}`);
      results.failures.push({ scenario, error: message });
    }
  };
  if (options.only.includes('inventory')) {
    for (const accounts of options.inventoryAccounts) {
      await attempt(`inventory ${accounts}`, async () => {
        results.scenarios.inventory.push(
          await measured(`Inventory: ${accounts} accounts × ${options.spacesPerAccount} Spaces, ${options.latencyMs} ms Hub latency`, () =>
            runInventory(
              // The original's 20-odd seconds a run are timed on the first fleet, as many times as ours.
              { accounts, spacesPerAccount: options.spacesPerAccount, latencyMs: options.latencyMs, runs: options.inventoryRuns, baseline: options.baseline && accounts === options.inventoryAccounts[0], seed: options.seed, serverEntry: entry },
              log,
            ),
          ),
        );
      });
    }
  }
  if (options.only.includes('fanout')) {
    for (const plan of fanoutPlans(options)) {
      const name = `${plan.clients}${plan.phases === 'spread' ? ' spread' : ''}${plan.caps ? '' : ' caps off'}, run ${plan.run}`;
      await attempt(`fanout ${name}`, async () => {
        const workers = workersFor(options, plan.clients);
        results.scenarios.fanout.push(
          await measured(
            `Fan-out: ${plan.clients} clients × ${options.spaces} Spaces at 1 Hz, samples ${plan.phases === 'spread' ? 'spread over the second' : 'in one burst a second'}, ${plan.caps ? `caps ${plan.caps.perClient} per address / ${plan.caps.overall}` : 'caps off'}, ${workers} client worker(s), run ${plan.run}`,
            () =>
              runFanout(
                {
                  clients: plan.clients,
                  spaces: options.spaces,
                  latencyMs: options.latencyMs,
                  warmupSeconds: options.warmupSeconds,
                  durationSeconds: options.durationSeconds,
                  workers,
                  connectPerSecond: options.connectPerSecond,
                  seed: options.seed,
                  serverEntry: entry,
                  phases: plan.phases,
                  caps: plan.caps,
                  large: plan.large,
                },
                log,
              ),
          ),
        );
      });
    }
  }
  if (options.only.includes('churn')) {
    await attempt('churn', async () => {
      results.scenarios.churn = await measured(`Churn: ${options.cycles} stream connect/disconnect cycles, ${options.churnConcurrency} at a time`, () =>
        runChurn(
          { cycles: options.cycles, concurrency: options.churnConcurrency, spaces: options.spaces, latencyMs: options.latencyMs, warmupCycles: Math.min(500, options.cycles), workers: 1, seed: options.seed, serverEntry: entry },
          log,
        ),
      );
    });
  }
  if (options.only.includes('page')) {
    await attempt('page', async () => {
      results.scenarios.page = await measured(`Page: ${options.pageSpaces} Spaces in headless Chromium`, () =>
        runPage(
          { spaces: options.pageSpaces, latencyMs: options.latencyMs, loads: options.pageLoads, watchSeconds: options.pageWatchSeconds, seed: options.seed, serverEntry: entry, dashboardDir: options.dashboardDir ?? undefined },
          log,
        ),
      );
    });
  }
  if (options.only.includes('list')) {
    await attempt('list', async () => {
      results.scenarios.list = await measured(`List: GET /api/v1/spaces, ${options.pageSpaces} Spaces, ${options.listClients} keep-alive clients, ours and the original's`, () =>
        runList(
          { spaces: options.pageSpaces, clients: options.listClients, durationSeconds: options.listDurationSeconds, warmupSeconds: 1, runs: options.listRuns, seed: options.seed, serverEntry: entry },
          log,
        ),
      );
    });
  }
  if (options.only.includes('persistence')) {
    await attempt('persistence', async () => {
      results.scenarios.persistence = await measured(`History: ${options.stateSpaces} Spaces × ${options.stateDays} days of stage changes and minute rollups, then uptime, the Space page, the overview and recording, on ${options.stateDatabases.join(' and ')}`, () =>
        runPersistence(
          {
            spaces: options.stateSpaces,
            days: options.stateDays,
            databases: options.stateDatabases,
            postgresUrl: options.databaseUrl,
            uptimeRuns: options.uptimeRuns,
            idleSeconds: options.stateIdleSeconds,
            seed: options.seed,
            serverEntry: entry,
          },
          log,
        ),
      );
    });
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.help) {
    log(USAGE);
    return 0;
  }
  if (options.docsOnly) {
    const latest = readLatest();
    // Recomputed from the measurements, so a change to how targets are worded applies too.
    latest.targets = targetChecks(latest);
    writeDocs(latest);
    log(`Rewrote the results section of ${PERFORMANCE_DOC} from bench/results/latest.json, its raw results in ${publishResults(latest)}`);
    return 0;
  }
  // Another build named by --server-entry is measured as it is.
  if (options.serverEntry === null) await ensureBuild(options.build, log);
  if (options.cpuProf) log(`Profiling every server: ${profileServers()}`);
  const results: BenchResults = {
    schema: 1,
    label: options.label,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    options,
    machine: machineInfo(),
    scenarios: { inventory: [], fanout: [], churn: null, page: null, list: null, persistence: null },
    targets: [],
    failures: [],
  };
  const m = results.machine;
  log(`${m.cpuModel}, ${m.cores} cores, ${(m.ramBytes / 2 ** 30).toFixed(1)} GiB, Node ${m.node}, commit ${m.commit}`);
  await runAll(options, results);
  results.finishedAt = new Date().toISOString();
  results.targets = targetChecks(results);
  log(textTable(resultRows(results)));
  log('');
  for (const t of results.targets) log(`${t.met ? 'met   ' : 'MISSED'}  ${t.scenario}: ${t.target}: ${t.measured}${t.note ? ` (${t.note})` : ''}`);
  const path = writeResults(results);
  log(`\nWrote ${path} and bench/results/latest.json`);
  if (options.writeDocs) {
    writeDocs(results);
    log(`Rewrote the results section of ${PERFORMANCE_DOC}, its raw results in ${publishResults(results)}`);
  }
  // A missed target fails the run as a scenario that could not run does.
  return results.failures.length > 0 || results.targets.some((target) => !target.met) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);

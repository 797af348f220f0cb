import { DATABASE_KINDS, TEST_POSTGRES_URL, type DatabaseKind } from '@hfd/test-support';
import { resolve } from 'node:path';

export const SCENARIOS = ['inventory', 'fanout', 'churn', 'page', 'list', 'persistence'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  only: ScenarioName[];
  latencyMs: number;
  seed: number;
  /** Inventory: cold starts per fleet size, the fleets (accounts), Spaces per account, and whether to time the original. */
  inventoryRuns: number;
  inventoryAccounts: number[];
  spacesPerAccount: number;
  baseline: boolean;
  /** Fan-out: client counts, Spaces watched, window and warm-up, client worker processes (0: one per 500 clients), connect rate. */
  clients: number[];
  spaces: number;
  durationSeconds: number;
  warmupSeconds: number;
  workers: number;
  connectPerSecond: number;
  /** Also run the largest client count with the Spaces' samples spread over the second (see FanoutOptions.phases). */
  spread: boolean;
  /** Runs of each fan-out; targets are judged on their median. */
  fanoutRuns: number;
  /** One run of this many clients, samples spread, for memory and starvation (0: none). */
  bigClients: number;
  /** Also run the largest client count with the stream caps off, interleaved with the runs with them, to show what they cost. */
  capsCheck: boolean;
  /** Churn. */
  cycles: number;
  churnConcurrency: number;
  /** Page. */
  pageSpaces: number;
  pageLoads: number;
  pageWatchSeconds: number;
  /** List: keep-alive clients, measured seconds per run, runs per server and encoding. */
  listClients: number;
  listDurationSeconds: number;
  listRuns: number;
  /** Persistence: the fleet and the days simulated, the databases, the PostgreSQL server, and the uptime queries timed. */
  stateSpaces: number;
  stateDays: number;
  stateDatabases: DatabaseKind[];
  databaseUrl: string;
  uptimeRuns: number;
  /** persistence: seconds the server's CPU is sampled with every Space watched. */
  stateIdleSeconds: number;
  /** Another build to measure (e.g. an older commit's dist), instead of dist/. */
  serverEntry: string | null;
  dashboardDir: string | null;
  label: string | null;
  /** Start every server with --cpu-prof, profiles under tmp/bench-profiles/ (for finding where time goes; slows the server a little). */
  cpuProf: boolean;
  build: boolean;
  writeDocs: boolean;
  /** Regenerate docs/performance.md from bench/results/latest.json without running anything. */
  docsOnly: boolean;
  help: boolean;
}

export const DEFAULTS: BenchOptions = {
  only: [...SCENARIOS],
  latencyMs: 100,
  seed: 1,
  inventoryRuns: 3,
  inventoryAccounts: [5, 10],
  spacesPerAccount: 40,
  baseline: true,
  clients: [100, 1000],
  spaces: 50,
  durationSeconds: 30,
  warmupSeconds: 5,
  workers: 0,
  connectPerSecond: 200,
  spread: true,
  fanoutRuns: 3,
  bigClients: 5000,
  capsCheck: true,
  cycles: 10_000,
  churnConcurrency: 50,
  pageSpaces: 200,
  pageLoads: 3,
  pageWatchSeconds: 30,
  listClients: 32,
  listDurationSeconds: 10,
  listRuns: 3,
  stateSpaces: 200,
  stateDays: 30,
  stateDatabases: [...DATABASE_KINDS],
  databaseUrl: TEST_POSTGRES_URL,
  uptimeRuns: 20,
  stateIdleSeconds: 60,
  serverEntry: null,
  dashboardDir: null,
  label: null,
  cpuProf: false,
  build: false,
  writeDocs: false,
  docsOnly: false,
  help: false,
};

/** Small settings for development on a busy machine: every scenario, minutes less. */
const QUICK: Partial<BenchOptions> = {
  inventoryRuns: 1,
  inventoryAccounts: [5],
  clients: [20, 100],
  fanoutRuns: 1,
  bigClients: 300,
  durationSeconds: 5,
  warmupSeconds: 2,
  cycles: 500,
  pageLoads: 1,
  pageWatchSeconds: 5,
  listDurationSeconds: 2,
  stateDays: 1,
  uptimeRuns: 5,
  stateIdleSeconds: 15,
};

export const USAGE = `npm run bench -- [options]

  --only <list>            scenarios to run: ${SCENARIOS.join(',')} (default: all)
  --latency <ms>           Hub latency per request (default ${DEFAULTS.latencyMs})
  --clients <list>         fan-out client counts (default ${DEFAULTS.clients.join(',')})
  --spaces <n>             Spaces each fan-out/churn client watches (default ${DEFAULTS.spaces})
  --duration <s>           fan-out measurement window (default ${DEFAULTS.durationSeconds})
  --warmup <s>             fan-out warm-up before the window (default ${DEFAULTS.warmupSeconds})
  --workers <n>            client worker processes (default: one per 500 clients)
  --connect-rate <n>       client connections opened per second (default ${DEFAULTS.connectPerSecond})
  --no-spread              skip the extra fan-out runs with the samples spread over the second
  --fanout-runs <n>        runs of each fan-out, targets judged on the median (default ${DEFAULTS.fanoutRuns})
  --big-clients <n>        clients of the one large fan-out run, samples spread (default ${DEFAULTS.bigClients}; 0 skips it)
  --no-caps-check          skip the fan-out runs with the stream caps off
  --inventory-runs <n>     cold starts per fleet (default ${DEFAULTS.inventoryRuns})
  --accounts <list>        inventory fleets, in accounts of ${DEFAULTS.spacesPerAccount} Spaces (default ${DEFAULTS.inventoryAccounts.join(',')})
  --no-baseline            skip timing the original's sequential inventory (about 20 s)
  --cycles <n>             churn connect/disconnect cycles (default ${DEFAULTS.cycles})
  --churn-concurrency <n>  churn cycles in flight (default ${DEFAULTS.churnConcurrency})
  --page-spaces <n>        Spaces on the dashboard (default ${DEFAULTS.pageSpaces})
  --page-loads <n>         cold page loads (default ${DEFAULTS.pageLoads})
  --page-watch <s>         seconds of live updates watched for long tasks (default ${DEFAULTS.pageWatchSeconds})
  --list-clients <n>       keep-alive clients of the list (default ${DEFAULTS.listClients})
  --list-duration <s>      seconds per measured list run (default ${DEFAULTS.listDurationSeconds})
  --list-runs <n>          list runs per server and encoding (default ${DEFAULTS.listRuns})
  --state-spaces <n>       persistence: Spaces written (default ${DEFAULTS.stateSpaces})
  --state-days <n>         persistence: days of stage changes and minute rollups (default ${DEFAULTS.stateDays})
  --databases <list>       persistence: ${DATABASE_KINDS.join(',')} (default both)
  --database-url <url>     persistence: the PostgreSQL server (default TEST_DATABASE_URL or ${DEFAULTS.databaseUrl}); a schema is made there and dropped
  --uptime-runs <n>        persistence: uptime queries and Space pages timed (default ${DEFAULTS.uptimeRuns})
  --state-idle-seconds <n> persistence: CPU sampled with every Space watched (default ${DEFAULTS.stateIdleSeconds})
  --seed <n>               scenario seed (default ${DEFAULTS.seed})
  --server-entry <path>    measure another build of main.js (e.g. an older commit's)
  --dashboard-dir <path>   serve another dashboard build
  --label <name>           added to the result file's name and JSON
  --cpu-prof               profile every server started (tmp/bench-profiles/*.cpuprofile)
  --quick                  small settings for development (results are not comparable)
  --build                  rebuild from scratch (by default Nx rebuilds only what changed since the last build)
  --write-docs             rewrite the results section of docs/performance.md from this run
  --docs-only              only rewrite docs/performance.md from bench/results/latest.json
  --help`;

/** A path as the user typed it: npm runs scripts from the workspace root, and INIT_CWD is where they were. */
function fromShell(path: string): string {
  return resolve(process.env['INIT_CWD'] ?? process.cwd(), path);
}

function numberList(flag: string, value: string): number[] {
  const list = value.split(',').map((item) => Number(item.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`${flag} takes positive integers, comma-separated: "${value}"`);
  return list;
}

/** A comma-separated list of names, each one of `known`. */
function namesOf<T extends string>(flag: string, text: string, known: readonly T[], what: string): T[] {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(known as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`${flag}: unknown ${what}(s) ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return names as T[];
}

function positive(flag: string, value: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new Error(`${flag} takes a ${allowZero ? 'non-negative' : 'positive'} number: "${value}"`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  // --quick sets the starting point, so flags given with it still win wherever they stand.
  const options: BenchOptions = { ...DEFAULTS, only: [...DEFAULTS.only], ...(argv.includes('--quick') ? QUICK : {}) };
  const args = [...argv];
  const value = (flag: string): string => {
    const next = args.shift();
    if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
    return next;
  };
  while (args.length > 0) {
    const raw = args.shift() ?? '';
    const [flag = '', inline] = raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    if (inline !== undefined) args.unshift(inline);
    switch (flag) {
      case '--only':
        options.only = namesOf(flag, value(flag), SCENARIOS, 'scenario');
        break;
      case '--latency':
        options.latencyMs = positive(flag, value(flag), true);
        break;
      case '--clients':
        options.clients = numberList(flag, value(flag));
        break;
      case '--spaces':
        options.spaces = positive(flag, value(flag));
        break;
      case '--duration':
        options.durationSeconds = positive(flag, value(flag));
        break;
      case '--warmup':
        options.warmupSeconds = positive(flag, value(flag), true);
        break;
      case '--workers':
        options.workers = positive(flag, value(flag), true);
        break;
      case '--connect-rate':
        options.connectPerSecond = positive(flag, value(flag));
        break;
      case '--inventory-runs':
        options.inventoryRuns = positive(flag, value(flag));
        break;
      case '--accounts':
        options.inventoryAccounts = numberList(flag, value(flag));
        break;
      case '--no-spread':
        options.spread = false;
        break;
      case '--fanout-runs':
        options.fanoutRuns = positive(flag, value(flag));
        break;
      case '--big-clients':
        options.bigClients = positive(flag, value(flag), true);
        break;
      case '--no-caps-check':
        options.capsCheck = false;
        break;
      case '--no-baseline':
        options.baseline = false;
        break;
      case '--cycles':
        options.cycles = positive(flag, value(flag));
        break;
      case '--churn-concurrency':
        options.churnConcurrency = positive(flag, value(flag));
        break;
      case '--page-spaces':
        options.pageSpaces = positive(flag, value(flag));
        break;
      case '--page-loads':
        options.pageLoads = positive(flag, value(flag));
        break;
      case '--page-watch':
        options.pageWatchSeconds = positive(flag, value(flag));
        break;
      case '--list-clients':
        options.listClients = positive(flag, value(flag));
        break;
      case '--list-duration':
        options.listDurationSeconds = positive(flag, value(flag));
        break;
      case '--list-runs':
        options.listRuns = positive(flag, value(flag));
        break;
      case '--state-spaces':
        options.stateSpaces = positive(flag, value(flag));
        break;
      case '--state-idle-seconds':
        options.stateIdleSeconds = positive(flag, value(flag));
        break;
      case '--state-days':
        options.stateDays = positive(flag, value(flag));
        break;
      case '--databases':
        options.stateDatabases = namesOf(flag, value(flag), DATABASE_KINDS, 'database');
        break;
      case '--database-url':
        options.databaseUrl = value(flag);
        break;
      case '--uptime-runs':
        options.uptimeRuns = positive(flag, value(flag));
        break;
      case '--seed':
        options.seed = positive(flag, value(flag), true);
        break;
      case '--server-entry':
        options.serverEntry = fromShell(value(flag));
        break;
      case '--dashboard-dir':
        options.dashboardDir = fromShell(value(flag));
        break;
      case '--label':
        options.label = value(flag).replace(/[^\w.-]/g, '-');
        break;
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--quick':
        break;
      case '--build':
        options.build = true;
        break;
      case '--write-docs':
        options.writeDocs = true;
        break;
      case '--docs-only':
        options.docsOnly = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`Unknown option "${raw}" (see --help)`);
    }
  }
  return options;
}

/**
 * One worker process per 500 clients unless told otherwise, and at most 4: they share the
 * machine's cores with the server (measured: see docs/performance.md).
 */
export function workersFor(options: BenchOptions, clients: number): number {
  return options.workers > 0 ? options.workers : Math.min(4, Math.max(1, Math.ceil(clients / 500)));
}

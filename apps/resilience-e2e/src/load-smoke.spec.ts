import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT, ensureProductionBuild, killAll, track } from '@hfd/test-support';
import { RIG_START_TIMEOUT_MS } from './support/harness';

/** The parts of bench/load's result file this smoke test reads. */
interface LoadResult {
  checks: { noErrors: boolean; upstreamsEqualWatchedSpaces: boolean };
  errors: Record<string, number>;
  rest: { requests: number; statusCodes: Record<string, number> };
  streams: { connected: number; samplesPerClientPerSecond: number };
  upstreams: { prometheus: number; emulatorOpenMetricsStreams: number; expected: number };
}

const CLIENTS = 100;

function readResult(file: string, output: string): LoadResult {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LoadResult;
  } catch (error) {
    throw new Error(`The load run wrote no result (${error instanceof Error ? error.message : String(error)})\n${output.slice(-4000)}`, { cause: error });
  }
}

/**
 * `npm run load` in small (100 stream clients and 20 REST requests a second for 10 s instead
 * of 1000 and 50 for 60 s): the same script, the same production server and emulator. Only
 * what a short run can judge is checked: no error of any kind, and one upstream per watched
 * Space. Memory needs the full run (docs/reliability.md).
 */
describe('the load test, in small', () => {
  let dir: string | undefined;

  beforeAll(() => ensureProductionBuild(), RIG_START_TIMEOUT_MS);

  afterAll(async () => {
    await killAll();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves 100 stream clients and steady REST traffic with no error and one upstream per watched Space', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hfd-load-smoke-'));
    const out = join(dir, 'result.json');
    const args = ['--import', 'tsx', 'bench/load/run-load.ts', '--clients', String(CLIENTS), '--rps', '20', '--duration', '10', '--out', out];
    let output = '';
    const started = track(
      spawn(process.execPath, args, {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: join(WORKSPACE_ROOT, 'bench/load/tsconfig.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => started.once('exit', resolve));

    const result = readResult(out, output);
    const zeros = Object.fromEntries(Object.keys(result.errors).map((key) => [key, 0]));
    // The run's own output, shown beside the counts when one is not zero, says what happened.
    expect({ errors: result.errors, output: result.checks.noErrors ? '' : output.slice(-4000) }).toEqual({ errors: zeros, output: '' });
    expect(result.streams.connected).toBe(CLIENTS);
    expect(result.streams.samplesPerClientPerSecond).toBeGreaterThan(0);
    expect(result.rest.requests).toBeGreaterThan(100);
    expect(Object.keys(result.rest.statusCodes)).toEqual(['200']);
    expect(result.upstreams.expected).toBeGreaterThan(0);
    expect(result.upstreams.prometheus).toBe(result.upstreams.expected);
    expect(result.upstreams.emulatorOpenMetricsStreams).toBe(result.upstreams.expected);
    // Exit status 1 would only mean the memory check, which 10 s cannot judge, or an error already shown above.
    expect([0, 1]).toContain(code);
  }, 180_000);
});

import { ManualClock, startHubEmulator, type HubEmulator } from '@hfd/hub-emulator';
import { CliArgsError, USAGE, parseCliArgs } from './cli-args';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit codes: 0 fine, 1 the emulator could not start, 2 bad arguments. */
export type CliResult = { hub: HubEmulator } | { exitCode: number };

/** Parses the arguments and starts the emulator; says what went wrong in one line otherwise. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliArgsError)) throw error;
    io.err(`hub-emulator: ${error.message}\n\n${USAGE}`);
    return { exitCode: 2 };
  }
  if (options.help) {
    io.out(USAGE);
    return { exitCode: 0 };
  }
  try {
    const hub = await startHubEmulator({
      port: options.port,
      host: options.host,
      ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
      ...(options.manualClock ? { clock: new ManualClock() } : {}),
    });
    const { scenario } = hub;
    io.out(`Hub emulator listening on ${hub.url}`);
    io.out(
      `Scenario: ${options.scenario ?? 'demo'} (seed ${scenario.seed}): ${scenario.accounts.length} accounts, ${scenario.spaces.length} Spaces; watch: ${scenario.watch.map((w) => w.name).join(', ') || '(none)'}`,
    );
    io.out(`Tokens and control: ${hub.url}/__emulator/scenario, ${hub.url}/__emulator/counters`);
    io.out(`Space apps: SPACE_URL_TEMPLATE=${hub.appUrlTemplate}`);
    const clock = hub.control.clock();
    if (clock.manual) io.out(`Hub clock: manual (x${clock.timeScale}); step it with POST ${hub.url}/__emulator/clock/advance {"by":"10s"}`);
    else if (clock.timeScale !== 1) io.out(`Hub clock: ${clock.timeScale} times faster than real time`);
    return { hub };
  } catch (error) {
    io.err(`hub-emulator: ${(error as Error).message}`);
    return { exitCode: 1 };
  }
}

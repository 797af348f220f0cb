import { parseArgs } from 'node:util';

export interface CliOptions {
  port: number;
  host: string;
  scenario?: string;
  seed?: number;
  timeScale?: number;
  manualClock: boolean;
  help: boolean;
}

/** A bad command line; the message is meant for the user as is. */
export class CliArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliArgsError';
  }
}

export const DEFAULT_PORT = 4010;

export const USAGE = `Usage: npm run emulator -- [--port <n>] [--host <address>] [--scenario <file>] [--seed <n>] [--time-scale <x>] [--manual-clock]

  --port, -p      TCP port to listen on (0 = any free port; default ${DEFAULT_PORT})
  --host          Address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --scenario, -s  Scenario JSON file (default: the bundled demo scenario)
  --seed          Integer seed overriding the scenario's, for other but repeatable data
  --time-scale    The Hub's time runs this many times faster (over the scenario's timeScale)
  --manual-clock  The Hub's time stands still until POST /__emulator/clock/advance {"by":"10s"}
  --help, -h      Show this help`;

function integer(name: string, value: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value.trim())) throw new CliArgsError(`--${name} must be an integer, got "${value}"`);
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new CliArgsError(`--${name} must be between ${min} and ${max}, got ${value}`);
  }
  return parsed;
}

function positiveNumber(name: string, value: string): number {
  const parsed = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) throw new CliArgsError(`--${name} must be a positive number, got "${value}"`);
  return parsed;
}

/** Parses the emulator's command line (without `node` and the script). */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values: {
    port?: string;
    host?: string;
    scenario?: string;
    seed?: string;
    'time-scale'?: string;
    'manual-clock'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        scenario: { type: 'string', short: 's' },
        seed: { type: 'string' },
        'time-scale': { type: 'string' },
        'manual-clock': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliArgsError((error as Error).message);
  }
  if (values.host !== undefined && values.host.trim() === '') throw new CliArgsError('--host must not be empty');
  if (values.scenario !== undefined && values.scenario.trim() === '') throw new CliArgsError('--scenario must name a file');
  return {
    port: values.port === undefined ? DEFAULT_PORT : integer('port', values.port, 0, 65_535),
    host: values.host ?? '127.0.0.1',
    ...(values.scenario === undefined ? {} : { scenario: values.scenario }),
    ...(values.seed === undefined ? {} : { seed: integer('seed', values.seed, -(2 ** 31), 2 ** 31 - 1) }),
    ...(values['time-scale'] === undefined ? {} : { timeScale: positiveNumber('time-scale', values['time-scale']) }),
    manualClock: values['manual-clock'] ?? false,
    help: values.help ?? false,
  };
}

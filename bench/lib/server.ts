import { ServerProcess } from '@hfd/test-support';
import { PROFILES_DIR } from './paths';

/** pino levels. */
const WARN = 40;
const ERROR = 50;
/** Messages kept for the report; the counts cover all of them. */
const KEPT_MESSAGES = 20;

/** Node flags for every server of this run (see --cpu-prof). */
let nodeArgs: readonly string[] = [];

export function profileServers(): string {
  nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${PROFILES_DIR}`];
  return PROFILES_DIR;
}

/**
 * The production server as a child process on a free port, not ready yet (see
 * `waitUntilReady`): the load generator never shares its event loop. `entry` is another build
 * of main.js, e.g. an older commit's, to measure before and after.
 */
export function spawnServer(env: Record<string, string>, entry?: string): Promise<ServerProcess> {
  return ServerProcess.spawn({ env, entry, nodeArgs });
}

export interface ServerLogSummary {
  warnings: number;
  errors: number;
  /** The first warning and error messages, and anything written to stderr. */
  messages: string[];
}

/** The server's JSON log lines counted by level; anything on stderr (a crash, a Node warning) counts as one error. */
export function logSummary(server: ServerProcess): ServerLogSummary {
  const summary: ServerLogSummary = { warnings: 0, errors: 0, messages: [] };
  const stderr = server.stderr.trim();
  // First, so that the warnings logged before a crash cannot crowd it out of the kept messages.
  if (stderr !== '') {
    summary.errors++;
    summary.messages.push(`stderr: ${stderr.slice(0, 500)}`);
  }
  for (const line of server.logs()) {
    const level = typeof line.level === 'number' ? line.level : 0;
    if (level < WARN) continue;
    if (level >= ERROR) summary.errors++;
    else summary.warnings++;
    const message = `${typeof line.context === 'string' ? `${line.context}: ` : ''}${typeof line.msg === 'string' ? line.msg : JSON.stringify(line)}`;
    if (summary.messages.length < KEPT_MESSAGES) summary.messages.push(message.slice(0, 300));
  }
  return summary;
}

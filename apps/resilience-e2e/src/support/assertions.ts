import { httpRequest, type ServerProcess } from '@hfd/test-support';

/** pino's levels: 50 error, 60 fatal. */
const FATAL = 60;
/** What Node and the server say when something escaped every handler. */
const ESCAPED = /unhandled|uncaught|ERR_UNHANDLED_REJECTION|FATAL ERROR|heap out of memory/i;

/**
 * Everything that shows the server lost control: it exited, wrote to stderr (where Node
 * puts crashes, unhandled rejections and its own warnings), logged at fatal level, logged
 * an escaped error, or answered 500: what AllExceptionsFilter answers for an error no
 * mapper knew. (Hub errors are mapped to 502/503/504 and are expected here.)
 */
function problems(server: ServerProcess): string[] {
  const found: string[] = [];
  if (server.exit) found.push(`the process exited (code ${server.exit.code}, signal ${server.exit.signal})`);
  if (server.stderr.trim() !== '') found.push(`stderr: ${server.stderr.slice(0, 2000)}`);
  for (const line of server.logs()) {
    const text = JSON.stringify(line);
    if ((line.level ?? 0) >= FATAL) found.push(`fatal log line: ${text.slice(0, 500)}`);
    else if (ESCAPED.test(text)) found.push(`escaped error: ${text.slice(0, 500)}`);
    else if (line.res?.statusCode === 500) found.push(`answered 500: ${text.slice(0, 500)}`);
  }
  return found;
}

/**
 * The promise behind every fault test: whatever the Hub did, the process is still up,
 * still answers, and nothing escaped its error handling.
 */
export async function expectServerHealthy(server: ServerProcess): Promise<void> {
  expect(problems(server)).toEqual([]);
  const reply = await httpRequest(`${server.url}/api/v1/health`, { timeoutMs: 10_000 });
  expect(reply.status).toBe(200);
  expect(server.running).toBe(true);
}

export interface RetryLogEntry {
  /** The Hub route and subject, e.g. `GET /api/spaces (alice)`. */
  request: string;
  attempt: number;
  waitMs: number;
}

/** The retries HfClient logged: `…Hub GET /api/spaces (alice) answered 503…; attempt 3 of 5 in 1873 ms`. */
export function retryLog(server: ServerProcess): RetryLogEntry[] {
  return server
    .logs()
    .filter((line) => line.context === 'HfClient')
    .flatMap((line) => {
      const match = /^Hub (\S+ \S+(?: \([^)]*\))?)[\s\S]*; attempt (\d+) of \d+ in (\d+) ms$/.exec(line.msg ?? '');
      return match ? [{ request: match[1], attempt: Number(match[2]), waitMs: Number(match[3]) }] : [];
    });
}

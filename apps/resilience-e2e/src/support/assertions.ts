import { httpRequest } from './http';
import type { ServerProcess } from './server-process';

/**
 * The promise behind every fault test: whatever the Hub did, the process is still up,
 * still answers, and nothing escaped its error handling.
 */
export async function expectServerHealthy(server: ServerProcess): Promise<void> {
  expect(server.problems()).toEqual([]);
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
  return server.logsOf('HfClient').flatMap((line) => {
    const match = /^Hub (\S+ \S+(?: \([^)]*\))?)[\s\S]*; attempt (\d+) of \d+ in (\d+) ms$/.exec(line.msg ?? '');
    return match ? [{ request: match[1], attempt: Number(match[2]), waitMs: Number(match[3]) }] : [];
  });
}

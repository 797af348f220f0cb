import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpRequest, killAll, ServerProcess } from '@hfd/test-support';
import { API_MAIN, ensureApiBuild } from './support/api-process';

/** The server's heap, capped: whatever the floods left held would add up past it (the process would die of it). */
const HEAP_MB = 128;
/** About 200 000 requests in all: at the 1.5 kB a dropped request was held for before, far past the cap. */
const ROUNDS = 10;

/** Writes `requests` on each of `connections` TCP connections in one go, never reads, and resolves once the server has closed them all. */
async function flood(url: string, connections: number, requests: string): Promise<void> {
  const { hostname, port } = new URL(url);
  await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(Number(port), hostname, () => socket.write(requests));
          socket.on('error', () => undefined);
          socket.once('close', () => resolve());
        }),
    ),
  );
}

const line = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n`;

/**
 * Issue 17 point 1 against the built server, as an outsider: requests pipelined on one
 * connection, thousands of them, behind an event stream and behind ordinary requests.
 * The server closes those connections, keeps nothing of them, and still stops at once.
 */
describe('requests pipelined in floods (the built server, as its own process)', () => {
  let server: ServerProcess;
  let cwd: string;

  beforeAll(async () => {
    await ensureApiBuild();
    cwd = mkdtempSync(join(tmpdir(), 'hfd-security-e2e-'));
    server = await ServerProcess.start({
      entry: API_MAIN,
      nodeArgs: [`--max-old-space-size=${HEAP_MB}`],
      cwd,
      env: { DASHBOARD_DIR: cwd, HF_ENDPOINT: 'http://127.0.0.1:9', HF_SPACES_ENDPOINT: 'http://127.0.0.1:9', HF_USER: 'alice:', USER_PASSWORD: 'flood-password-1' },
      readyPath: '/api/v1/config',
    });
  }, 600_000);

  afterAll(async () => {
    await killAll();
    rmSync(cwd, { recursive: true, force: true });
  });

  it(`closes every flooded connection, holds no stream nor anything else for it (a ${HEAP_MB} MB heap outlives ${ROUNDS} rounds), answers others, and stops at once on SIGTERM`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await flood(server.url, 20, line('/api/v1/stream').repeat(200));
      await flood(server.url, 20, line('/api/v1/stream') + line('/api/v1/health').repeat(400));
      await flood(server.url, 20, line('/api/v1/health').repeat(400));
    }
    const metrics = await httpRequest(`${server.url}/metrics`);
    expect(metrics.text).toMatch(/^hfd_stream_clients 0$/m);
    expect((await httpRequest(`${server.url}/api/v1/config`, { timeoutMs: 5000 })).status).toBe(200);
    expect(server.running).toBe(true);
    expect(server.stderr).toBe('');

    const signalledAt = Date.now();
    server.signal('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Nothing of the closed connections was still counted as in flight, so nothing was waited for.
    const shutdown = server.logs().map((entry) => entry.msg ?? '').find((msg) => msg.startsWith('SIGTERM'));
    expect(shutdown).toContain('finishing 0 request(s) in flight');
    expect(Date.now() - signalledAt).toBeLessThan(5000);
  }, 120_000);
});

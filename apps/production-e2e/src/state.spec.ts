import BetterSqlite3 from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HealthResponse } from '@hfd/contracts';
import {
  ensureProductionBuild,
  eventually,
  freePort,
  httpRequest,
  killAll,
  ScratchDatabases,
  ServerProcess,
  TcpProxy,
  TEST_POSTGRES_URL,
  type DatabaseKind,
  type ScratchDatabase,
  type ServerOptions,
} from '@hfd/test-support';

/**
 * The server's state across restarts and outages, on the production build (`node
 * dist/apps/api/main.js`) in demo mode: sessions survive a restart with no JWT_SECRET set, a
 * database that cannot be used stops the start with one line and is left as it was, and
 * PostgreSQL going away while the server runs costs no request.
 */

const PASSWORD = 'state-e2e-password';
const SECRET_KEY = 'state-e2e-secret-key-0123456789abcdefghij';
/** Starting and stopping servers on a loaded 2-core machine (see jest.config.cts). */
const PROCESS_TIMEOUT_MS = 180_000;

/** The server's environment for `target`: demo mode, a known password, no JWT_SECRET. */
function envFor(target: ScratchDatabase): Record<string, string> {
  const common = { USER_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' };
  return target.kind === 'sqlite' ? { ...common, DATA_DIR: target.dataDir } : { ...common, DATABASE_URL: target.url, SECRET_KEY };
}

async function login(server: ServerProcess): Promise<string> {
  const reply = await httpRequest(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (reply.status !== 200) throw new Error(`login answered ${reply.status}: ${reply.text}`);
  return reply.json<{ accessToken: string }>().accessToken;
}

/** GET /auth/me with `token`: the status and, for a refusal, the code. */
async function me(server: ServerProcess, token: string): Promise<string> {
  const reply = await httpRequest(`${server.url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  return reply.status === 200 ? '200' : `${reply.status} ${reply.json<{ code: string }>().code}`;
}

async function logout(server: ServerProcess, token: string): Promise<number> {
  return (await httpRequest(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status;
}

async function health(server: ServerProcess): Promise<HealthResponse> {
  return (await httpRequest(`${server.url}/api/v1/health`)).json<HealthResponse>();
}

/** Starts a server that must refuse to start; answers its exit code and what it wrote to stderr. */
async function refusal(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const server = await ServerProcess.spawn({ env: { USER_PASSWORD: PASSWORD, ...env } });
  const { code } = await server.exited;
  return { code, stderr: server.stderr };
}

afterAll(() => killAll());

beforeAll(() => ensureProductionBuild(), 15 * 60_000);

/** A database to restart on, and how the server is told about it. */
interface Setup {
  name: string;
  kind: DatabaseKind;
  server(target: ScratchDatabase): ServerOptions;
  /** Where the state files must be after the first run, when the test names no directory itself. */
  stateDir?(target: ScratchDatabase): string;
}

function sqliteDirOf(target: ScratchDatabase): string {
  if (target.kind !== 'sqlite') throw new Error('not an SQLite scratch database');
  return target.dataDir;
}

const SETUPS: Setup[] = [
  { name: 'SQLite in DATA_DIR', kind: 'sqlite', server: (target) => ({ env: envFor(target) }) },
  { name: 'PostgreSQL', kind: 'postgres', server: (target) => ({ env: envFor(target) }) },
  {
    name: 'no storage variable at all, as `npm start` on a fresh clone: SQLite in data/ of the working directory',
    kind: 'sqlite',
    // Blank is unset for the server (DATA_DIR's default applies), and stops ServerProcess from choosing a directory.
    server: (target) => ({ cwd: sqliteDirOf(target), env: { USER_PASSWORD: PASSWORD, DATA_DIR: '' } }),
    stateDir: (target) => join(sqliteDirOf(target), 'data'),
  },
];

describe.each(SETUPS)('the built server restarted with no JWT_SECRET: $name', (setup) => {
  const scratch = new ScratchDatabases(setup.kind);
  afterAll(() => scratch.dropAll());

  it('still refuses a session logged out before the restart, and still accepts one that was valid', async () => {
    const target = await scratch.create();
    const options = setup.server(target);
    const first = await ServerProcess.start(options);
    const loggedOut = await login(first);
    const valid = await login(first);
    expect(await logout(first, loggedOut)).toBe(204);
    expect(await me(first, loggedOut)).toBe('401 SESSION_REVOKED');
    expect(await first.stop()).toEqual({ code: 0, signal: null });
    if (setup.stateDir) {
      expect(readdirSync(setup.stateDir(target)).filter((name) => !/-(wal|shm)$/.test(name)).sort()).toEqual(['hf-dashboard.db', 'secret.key']);
    }

    const second = await ServerProcess.start(options);
    try {
      expect(await me(second, loggedOut)).toBe('401 SESSION_REVOKED');
      expect(await me(second, valid)).toBe('200');
    } finally {
      await second.stop();
    }
  }, PROCESS_TIMEOUT_MS);
});

describe('the built server refusing to start on a database it cannot use', () => {
  const scratch = new ScratchDatabases('sqlite');
  afterAll(() => scratch.dropAll());

  const sqliteDir = async (): Promise<string> => sqliteDirOf(await scratch.create());

  it('stops with exit code 1 and one line naming DATABASE_URL when PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const { code, stderr } = await refusal({ DATABASE_URL: `postgres://postgres:not-this-password@127.0.0.1:${port}/test`, SECRET_KEY });
    expect(code).toBe(1);
    expect(stderr).toBe(`DATABASE_URL: cannot reach the database at postgres://postgres@127.0.0.1:${port}/test: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  }, PROCESS_TIMEOUT_MS);

  it('stops with one line naming SECRET_KEY when DATABASE_URL is set without it', async () => {
    const { code, stderr } = await refusal({ DATABASE_URL: TEST_POSTGRES_URL });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Invalid configuration: SECRET_KEY: must be set when DATABASE_URL is \(32\+ characters\)[^\n]*\n$/);
  }, PROCESS_TIMEOUT_MS);

  it('refuses a database a newer build has migrated, says so, and leaves the file as it was', async () => {
    const dataDir = await sqliteDir();
    const first = await ServerProcess.start({ env: { USER_PASSWORD: PASSWORD, DATA_DIR: dataDir } });
    await first.stop();
    const file = join(dataDir, 'hf-dashboard.db');
    const newer = new BetterSqlite3(file);
    newer.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999-from-a-newer-build', new Date().toISOString());
    newer.close();
    const before = readFileSync(file);

    const { code, stderr } = await refusal({ DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(`^The database at ${file} has a newer schema than this build \\(it ran migration 9999-from-a-newer-build, which this build does not have\\); nothing was changed[^\\n]*\\n$`),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  }, PROCESS_TIMEOUT_MS);

  it('refuses a corrupt SQLite file, says so, and neither repairs nor replaces it', async () => {
    const dataDir = await sqliteDir();
    const file = join(dataDir, 'hf-dashboard.db');
    const garbage = Buffer.alloc(16_384, 0x5a);
    writeFileSync(file, garbage);
    const { code, stderr } = await refusal({ DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^DATA_DIR: ${file} is not a sound SQLite database \\(file is not a database\\); it was left untouched[^\\n]*\\n$`));
    expect(readFileSync(file).equals(garbage)).toBe(true);
  }, PROCESS_TIMEOUT_MS);
});

describe('the built server while PostgreSQL goes away and comes back', () => {
  const scratch = new ScratchDatabases('postgres');
  let proxy: TcpProxy | undefined;
  afterAll(async () => {
    await proxy?.close();
    await killAll();
    await scratch.dropAll();
  });

  it('keeps serving live data, queues the writes, says degraded with the reason, and writes them once it is back', async () => {
    const target = await scratch.create();
    if (target.kind !== 'postgres') throw new Error('not postgres');
    proxy = await TcpProxy.start(Number(new URL(TEST_POSTGRES_URL).port || 5432));
    const throughProxy = new URL(target.url);
    throughProxy.port = String(proxy.port);
    const server = await ServerProcess.start({ env: { ...envFor(target), DATABASE_URL: throughProxy.toString() } });
    try {
      const token = await login(server);
      expect((await health(server)).status).toBe('ok');

      proxy.cut();
      // The dashboard and its live data are still served.
      expect((await httpRequest(`${server.url}/api/v1/spaces`)).status).toBe(200);
      expect((await httpRequest(`${server.url}/`)).status).toBe(200);
      // A logout holds at once, and its write waits for the database.
      expect(await logout(server, token)).toBe(204);
      expect(await me(server, token)).toBe('401 SESSION_REVOKED');
      const degraded = await eventually('/health degraded by the database', () => health(server), (body) => !body.database.reachable, 60_000);
      expect(degraded.status).toBe('degraded');
      expect(degraded.database.error).toMatch(/\S/);
      expect(degraded.database.queuedWrites).toBeGreaterThanOrEqual(1);

      proxy.restore();
      const recovered = await eventually('/health ok again, nothing queued', () => health(server), (body) => body.status === 'ok' && body.database.queuedWrites === 0, 60_000);
      expect(recovered.database).toEqual({ kind: 'postgres', reachable: true, error: null, queuedWrites: 0 });
      expect(server.running).toBe(true);
      expect(await server.stop()).toEqual({ code: 0, signal: null });

      // The logout made during the outage reached the database: it holds after a restart.
      const restarted = await ServerProcess.start({ env: envFor(target) });
      try {
        expect(await me(restarted, token)).toBe('401 SESSION_REVOKED');
      } finally {
        await restarted.stop();
      }
    } finally {
      await server.kill();
    }
  }, PROCESS_TIMEOUT_MS);
});

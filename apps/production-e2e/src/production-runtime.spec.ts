import { spawn } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, chownSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type {
  AppConfigResponse,
  ExternalActionResponse,
  ExternalSpaceInfoResponse,
  ExternalSpaceListResponse,
  HealthResponse,
  SpacesListResponse,
} from '@hfd/contracts';
import { demoScenario, startHubEmulator, type HubEmulator } from '@hfd/hub-emulator';
import {
  DIST,
  ensureProductionBuild,
  eventually,
  EventStream,
  freePort,
  httpRequest,
  killAll,
  run,
  ServerProcess,
  track,
  WORKSPACE_ROOT,
} from '@hfd/test-support';
import { composeHealthcheck, dockerHealthcheck, envExample } from './support/docker-files';
import { sandboxAvailable, UNPRIVILEGED_UID } from './support/sandbox';
import { ALICE_SPACES, ALICE_TOKEN, BOB_TOKEN, HF_USER, productionScenario } from './support/scenario';
import { assembleRuntimeTree, imageServerOptions, startImageServer, type RuntimeTree } from './support/runtime-tree';

/**
 * What the Docker image runs, reproduced without Docker: the production build, its production
 * dependencies installed into a fresh directory by docker/assemble-runtime.sh (the Dockerfile's
 * own recipe), and `node main.js` started there with NODE_ENV=production and the seed README's
 * variables, against the hub emulator on loopback.
 */

const API_KEY = 'prod-e2e-api-key';
/**
 * For tests that start processes. Under `npm test` the root Jest config's 30 s applies to the
 * rest (Jest ignores a project's testTimeout there), which a loaded machine can exceed here.
 */
const PROCESS_TIMEOUT_MS = 120_000;
const USER_PASSWORD = 'prod-e2e-password';

/** Packages of the toolchain and of the browser app: none belongs in the image. */
const DEV_ONLY = [
  /^@nx\//,
  /^nx$/,
  /^@angular\//,
  /^@angular-devkit\//,
  /^@schematics\//,
  /^@jsverse\//,
  /^uplot$/,
  /^typescript$/,
  /^jest($|-)/,
  /^@jest\//,
  /^@swc\//,
  /^@swc-node\//,
  /^webpack($|-)/,
  /^esbuild$/,
  /^@esbuild\//,
  /^eslint($|-)/,
  /^@typescript-eslint\//,
  /^prettier$/,
  /^ts-node$/,
  /^tsx$/,
  /^ts-jest$/,
  /^supertest$/,
  /^@nestjs\/testing$/,
  /^@types\/jest$/,
  /^playwright-core$/,
  /^autocannon$/,
  /^sass$/,
];

/**
 * Every installed package as the lock file names it: `node_modules/a`, `node_modules/@s/b`,
 * and nested ones as `node_modules/a/node_modules/c`.
 */
function installedPackages(dir: string, prefix = 'node_modules'): string[] {
  const nodeModules = join(dir, 'node_modules');
  if (!existsSync(nodeModules)) return [];
  const paths: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of names) {
      paths.push(`${prefix}/${name}`);
      paths.push(...installedPackages(join(nodeModules, name), `${prefix}/${name}/node_modules`));
    }
  }
  return paths;
}

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
function packageName(path: string): string {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** The bare module names main.js loads with require(). */
function requiredModules(bundle: string): string[] {
  const builtins = new Set(builtinModules);
  const names = [...bundle.matchAll(/require\("([^"./][^"]*)"\)/g)]
    .map((match) => match[1])
    .filter((name) => !name.startsWith('node:') && !builtins.has(name));
  return [...new Set(names)].sort();
}

/** Runs a healthcheck argv the way Docker would inside the container ("node" is the image's node). */
function runHealthcheck(argv: readonly string[], port: number): Promise<number | null> {
  const [command, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(command === 'node' ? process.execPath : command, args, {
        env: { PATH: process.env['PATH'] ?? '', PORT: String(port) },
        stdio: 'ignore',
      }),
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** docker/.env.example as a container would get it, commented-out defaults included: it must be valid configuration. */
function exampleEnvironment(): Record<string, string> {
  return Object.fromEntries(envExample().filter((entry) => entry.value !== '').map((entry) => [entry.name, entry.value]));
}

describe('the production image, reproduced without Docker', () => {
  let tree: RuntimeTree | undefined;
  let emulator: HubEmulator | undefined;
  let server: ServerProcess | undefined;

  const runtime = (): RuntimeTree => {
    if (!tree) throw new Error('The runtime tree was not assembled (see beforeAll)');
    return tree;
  };
  const hub = (): HubEmulator => {
    if (!emulator) throw new Error('The hub emulator did not start (see beforeAll)');
    return emulator;
  };
  const configured = (): ServerProcess => {
    if (!server) throw new Error('The production server did not start (see beforeAll)');
    return server;
  };
  const withKey = { Authorization: `Bearer ${API_KEY}` };

  beforeAll(async () => {
    await ensureProductionBuild();
    tree = await assembleRuntimeTree();
    emulator = await startHubEmulator({ port: 0, scenario: productionScenario, metricsIntervalMs: 500 });
    server = await startImageServer(tree, {
      ...exampleEnvironment(),
      // The seed README's four variables, pointed at the scenario's accounts.
      HF_USER,
      API_KEY,
      USER_NAME: 'admin',
      USER_PASSWORD,
      HF_ENDPOINT: emulator.url,
      HF_SPACES_ENDPOINT: emulator.url,
      // Loopback only (the example's HOST is 0.0.0.0): nothing outside this machine needs to reach a test server.
      HOST: '127.0.0.1',
      // The example's /data is the image's volume: the tree's.
      DATA_DIR: tree.dataDir,
    });
  }, 15 * 60_000);

  afterAll(async () => {
    await killAll();
    await emulator?.close();
    tree?.remove();
  }, 60_000);

  describe('the runtime tree (docker/assemble-runtime.sh)', () => {
    it('holds the bundle, its manifests, the production dependencies and the dashboard: no sources, no source maps', () => {
      expect(readdirSync(runtime().root).sort()).toEqual(['api', 'dashboard']);
      expect(readdirSync(runtime().apiDir).sort()).toEqual(['main.js', 'node_modules', 'package-lock.json', 'package.json']);
      expect(readdirSync(runtime().dashboardDir)).toContain('index.html');
      expect(readdirSync(runtime().dashboardDir).filter((name) => /\.(ts|map)$/.test(name))).toEqual([]);
    });

    it('installs exactly what the generated lock file pins: nothing missing, nothing extraneous', async () => {
      const { stdout } = await run('npm', ['ls', '--all', '--omit=dev', '--json'], { cwd: runtime().apiDir });
      const tree = JSON.parse(stdout) as { problems?: string[] };
      expect(tree.problems ?? []).toEqual([]);
      const lock = JSON.parse(readFileSync(join(runtime().apiDir, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { dev?: boolean; optional?: boolean }>;
      };
      const locked = Object.entries(lock.packages).filter(([path]) => path !== '');
      expect(locked.filter(([, entry]) => entry.dev === true).map(([path]) => path)).toEqual([]);
      const installed = new Set(installedPackages(runtime().apiDir));
      const lockedPaths = new Set(locked.map(([path]) => path));
      expect([...installed].filter((path) => !lockedPaths.has(path))).toEqual([]);
      // Optional packages are platform builds; npm skips those of other platforms.
      expect(locked.filter(([path, entry]) => !entry.optional && !installed.has(path)).map(([path]) => path)).toEqual([]);
    }, PROCESS_TIMEOUT_MS);

    it('contains no development-only package: no Nx, Angular, TypeScript, Jest, SWC, webpack or ESLint', () => {
      const installed = installedPackages(runtime().apiDir).map(packageName);
      expect(installed.length).toBeGreaterThan(50);
      expect(installed).toEqual(expect.arrayContaining(['@nestjs/core', 'express', 'pino']));
      expect(installed.filter((name) => DEV_ONLY.some((pattern) => pattern.test(name)))).toEqual([]);
    });

    it("has the root's devDependencies only where a runtime package depends on them (e.g. @types/node under @types/jsonwebtoken)", () => {
      const manifest = (path: string) =>
        JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as {
          dependencies?: Record<string, string>;
          optionalDependencies?: Record<string, string>;
          peerDependencies?: Record<string, string>;
          devDependencies?: Record<string, string>;
        };
      const installed = installedPackages(runtime().apiDir);
      const needed = new Set(Object.keys(manifest(runtime().apiDir).dependencies ?? {}));
      for (const path of installed) {
        const declared = manifest(join(runtime().apiDir, path));
        for (const name of Object.keys({ ...declared.dependencies, ...declared.optionalDependencies, ...declared.peerDependencies })) needed.add(name);
      }
      const devDependencies = Object.keys(manifest(WORKSPACE_ROOT).devDependencies ?? {});
      const installedDev = devDependencies.filter((name) => installed.some((path) => packageName(path) === name));
      expect(installedDev.filter((name) => !needed.has(name))).toEqual([]);
    });

    it('has every module the bundle requires installed (tslib comes in through @nestjs/common and rxjs)', () => {
      const bundle = readFileSync(join(runtime().apiDir, 'main.js'), 'utf8');
      const modules = requiredModules(bundle);
      expect(modules).toEqual(expect.arrayContaining(['@nestjs/core', 'express', 'nestjs-pino', 'rxjs', 'zod']));
      const unresolved = modules.filter((name) => {
        try {
          require.resolve(name, { paths: [runtime().apiDir] });
          return false;
        } catch {
          return true;
        }
      });
      expect(unresolved).toEqual([]);
    });

    it('holds better-sqlite3 built for this machine: the addon alone, none of its build, loadable with the tree alone', async () => {
      const addon = join(runtime().apiDir, 'node_modules/better-sqlite3');
      expect(readdirSync(join(addon, 'build'))).toEqual(['Release']);
      expect(readdirSync(join(addon, 'build/Release'))).toEqual(['better_sqlite3.node']);
      expect(existsSync(join(addon, 'deps'))).toBe(false);
      expect(existsSync(join(addon, 'src'))).toBe(false);
      const probe = "const D = require('better-sqlite3'); process.stdout.write(new D(':memory:').prepare('select sqlite_version() as v').get().v)";
      const { stdout } = await run(process.execPath, ['-e', probe], { cwd: runtime().apiDir, env: { PATH: process.env['PATH'] ?? '', NODE_PATH: '' } });
      expect(stdout).toMatch(/^3\.\d+\.\d+$/);
    }, PROCESS_TIMEOUT_MS);

    it('copies the dashboard build unchanged', () => {
      const source = join(DIST, 'apps/dashboard/browser');
      const files = readdirSync(source);
      expect(readdirSync(runtime().dashboardDir).sort()).toEqual([...files].sort());
      for (const file of files.filter((name) => /\.(html|js|css)$/.test(name))) {
        expect(readFileSync(join(runtime().dashboardDir, file)).equals(readFileSync(join(source, file)))).toBe(true);
      }
    });
  });

  describe("started as the image's CMD, with the seed README's variables", () => {
    it('runs as an unprivileged user on a read-only root filesystem, as docker-compose.yml runs it', () => {
      if (!sandboxAvailable()) {
        // Needs root, unshare and setpriv; CI has them. Said out loud rather than passing quietly.
        console.warn('Not checked: this machine cannot sandbox the server (needs root, unshare and setpriv)');
        return;
      }
      const status = readFileSync(`/proc/${configured().pid}/status`, 'utf8');
      expect(status).toMatch(new RegExp(`^Uid:\\s+${UNPRIVILEGED_UID}\\s`, 'm'));
      expect(status).toMatch(/^CapEff:\s+0+$/m);
      const rootMount = readFileSync(`/proc/${configured().pid}/mountinfo`, 'utf8')
        .split('\n')
        .find((line) => line.split(' ')[4] === '/');
      expect(rootMount?.split(' ')[5]).toMatch(/^ro\b/);
    });

    it('serves the dashboard at / with index.html never cached, under a CSP that lets huggingface.co frame it', async () => {
      const reply = await httpRequest(`${configured().url}/`);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/html/);
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.text).toBe(readFileSync(join(runtime().dashboardDir, 'index.html'), 'utf8'));
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'self' https://huggingface.co");
      expect(reply.headers['x-frame-options']).toBeUndefined();
    });

    it('serves a page path of the app with index.html too, so reloads work', async () => {
      const reply = await httpRequest(`${configured().url}/spaces/alice/chat-ui`);
      expect(reply.status).toBe(200);
      expect(reply.text).toContain('<hf-root>');
    });

    it('serves hashed assets cached for a year, gzip-compressed when asked', async () => {
      const index = (await httpRequest(`${configured().url}/`)).text;
      const asset = /src="(main-[A-Z0-9]{8}\.js)"/.exec(index)?.[1];
      expect(asset).toBeDefined();
      const reply = await httpRequest(`${configured().url}/${asset}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(reply.status).toBe(200);
      expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(reply.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(reply.body).equals(readFileSync(join(runtime().dashboardDir, String(asset))))).toBe(true);
    });

    it('answers /api/v1/health with 200 and the Hub reachable', async () => {
      const reply = await httpRequest(`${configured().url}/api/v1/health`);
      expect(reply.status).toBe(200);
      const health = reply.json<HealthResponse>();
      expect(health.status).toBe('ok');
      expect(health.hub.reachable).toBe(true);
    });

    it('keeps its state in DATA_DIR (the /data volume): the SQLite database, and a key file only its user may read', async () => {
      const health = (await httpRequest(`${configured().url}/api/v1/health`)).json<HealthResponse>();
      expect(health.database).toEqual({ kind: 'sqlite', reachable: true, error: null, queuedWrites: 0 });
      const files = readdirSync(runtime().dataDir).filter((name) => !/-(wal|shm)$/.test(name));
      expect(files.sort()).toEqual(['hf-dashboard.db', 'secret.key']);
      const key = statSync(join(runtime().dataDir, 'secret.key'));
      expect(key.mode & 0o777).toBe(0o600);
      if (sandboxAvailable()) expect(key.uid).toBe(UNPRIVILEGED_UID);
      // A login is written there.
      const login = await httpRequest(`${configured().url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: USER_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const database = new BetterSqlite3(join(runtime().dataDir, 'hf-dashboard.db'), { readonly: true });
      try {
        await eventually(
          'the login recorded in the sessions table',
          () => (database.prepare("SELECT count(*) AS n FROM sessions WHERE username = 'admin'").get() as { n: number }).n,
          (count) => count === 1,
          30_000,
        );
      } finally {
        database.close();
      }
    });

    it('refuses to start, in one line naming DATA_DIR, when it may not write there', async () => {
      const readOnly = runtime().volume('read-only-data');
      // Not the server's: root's in the sandbox (where the server is nobody), read and search only otherwise.
      if (sandboxAvailable()) chownSync(readOnly, 0, 0);
      chmodSync(readOnly, 0o555);
      if (!sandboxAvailable() && process.getuid?.() === 0) {
        console.warn('Not checked: as root without the sandbox, every directory is writable');
        return;
      }
      const refused = await ServerProcess.spawn(imageServerOptions(runtime(), { DATA_DIR: readOnly }));
      const exit = await refused.exited;
      expect(exit.code).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`^DATA_DIR: ${readOnly} is not a directory this process \\(uid \\d+\\) can write to \\(EACCES[^\\n]*\\n$`));
    }, PROCESS_TIMEOUT_MS);

    it("passes the image's and the compose file's healthchecks, which fail when nothing listens", async () => {
      expect(await runHealthcheck(dockerHealthcheck(), configured().port)).toBe(0);
      expect(await runHealthcheck(composeHealthcheck(), configured().port)).toBe(0);
      expect(await runHealthcheck(dockerHealthcheck(), await freePort())).toBe(1);
    }, PROCESS_TIMEOUT_MS);

    it('watches the accounts of HF_USER', async () => {
      const reply = await httpRequest(`${configured().url}/api/v1/config`);
      const config = reply.json<AppConfigResponse>();
      expect(config.demo).toBe(false);
      expect(config.accounts.map((account) => [account.name, account.hasToken])).toEqual([
        ['alice', true],
        ['bob', true],
        ['carol', false],
      ]);
      const spaces = (await httpRequest(`${configured().url}/api/v1/spaces`)).json<SpacesListResponse>();
      // Visitors who are not logged in see public Spaces only.
      expect(spaces.spaces.map((space) => space.id).sort()).toEqual(['alice/chat-ui', 'bob/notes', 'carol/demo']);
    });

    it('refuses the external API without the key', async () => {
      const reply = await httpRequest(`${configured().url}/api/v1/info/${ALICE_TOKEN}`);
      expect(reply.status).toBe(401);
    });

    it("lists the token owner's Spaces on the external API", async () => {
      const reply = await httpRequest(`${configured().url}/api/v1/info/${ALICE_TOKEN}`, { headers: withKey });
      expect(reply.status).toBe(200);
      const body = reply.json<ExternalSpaceListResponse>();
      expect([...body.spaces].sort()).toEqual(ALICE_SPACES);
      expect(body.total).toBe(ALICE_SPACES.length);
    });

    it('describes one Space on the external API', async () => {
      const reply = await httpRequest(`${configured().url}/api/v1/info/${BOB_TOKEN}/carol/demo`, { headers: withKey });
      expect(reply.status).toBe(200);
      expect(reply.json<ExternalSpaceInfoResponse>()).toMatchObject({ id: 'carol/demo', status: 'RUNNING', sdk: 'gradio', private: false });
    });

    it('restarts and rebuilds a Space on the external API, answering as the original did', async () => {
      const restart = await httpRequest(`${configured().url}/api/v1/action/${ALICE_TOKEN}/alice/chat-ui/restart`, { method: 'POST', headers: withKey });
      expect(restart.status).toBe(200);
      expect(restart.text).toBe(JSON.stringify({ success: true, message: 'Space alice/chat-ui 重启成功' }));
      const rebuild = await httpRequest(`${configured().url}/api/v1/action/${ALICE_TOKEN}/alice/chat-ui/rebuild`, { method: 'POST', headers: withKey });
      expect(rebuild.status).toBe(200);
      expect(rebuild.json<ExternalActionResponse>()).toEqual({ success: true, message: 'Space alice/chat-ui 重建成功' });
      expect(hub().counters.requests({ route: 'space-restart', method: 'POST' })).toBe(2);
    });

    it('logs JSON lines on stdout with no token, API key or password in them', () => {
      const logs = configured().logs();
      expect(logs.length).toBeGreaterThan(5);
      expect(configured().stdout.split('\n').filter((line) => line.trim() !== '').length).toBe(logs.length);
      for (const secret of [ALICE_TOKEN, BOB_TOKEN, API_KEY, USER_PASSWORD]) expect(configured().stdout).not.toContain(secret);
    });
  });

  describe('demo mode (HF_USER unset)', () => {
    const TWO_HOURS_MS = 2 * 60 * 60_000;

    it('runs the bundled hub emulator from the production bundle and stops cleanly on SIGTERM', async () => {
      const startedAfter = Date.now();
      const demo = await startImageServer(runtime(), { DATA_DIR: runtime().volume('demo-data') });
      const startedBefore = Date.now();
      try {
        const config = (await httpRequest(`${demo.url}/api/v1/config`)).json<AppConfigResponse>();
        expect(config.demo).toBe(true);
        const scenario = demoScenario();
        const watched = new Set(scenario.watch.map((entry) => entry.name));
        const publicDemoSpaces = scenario.spaces.filter((space) => !space.private && watched.has(space.id.split('/')[0])).map((space) => space.id);
        const listed = (await httpRequest(`${demo.url}/api/v1/spaces`)).json<SpacesListResponse>();
        expect(listed.spaces.map((space) => space.id).sort()).toEqual([...publicDemoSpaces].sort());
        expect(listed.spaces.length).toBeGreaterThan(3);
        // Dated as a fleet in use: every date moved by one offset, the scenario's latest change two hours before start.
        const fixedModified = new Map(scenario.spaces.map((space) => [space.id, Date.parse(space.lastModified ?? space.createdAt)]));
        const offsets = new Set(listed.spaces.map((space) => Date.parse(space.lastModified ?? 'none') - (fixedModified.get(space.id) ?? NaN)));
        expect(offsets.size).toBe(1);
        const latestChange = Math.max(...fixedModified.values()) + [...offsets][0];
        expect(latestChange).toBeGreaterThanOrEqual(startedAfter - TWO_HOURS_MS);
        expect(latestChange).toBeLessThanOrEqual(startedBefore - TWO_HOURS_MS);

        demo.signal('SIGTERM');
        expect(await demo.exited).toEqual({ code: 0, signal: null });
      } finally {
        await demo.kill();
      }
    }, PROCESS_TIMEOUT_MS);
  });

  describe('graceful shutdown on SIGTERM (docker stop)', () => {
    it('finishes the request in flight, closes the event stream and exits with 0 within 10 s', async () => {
      const stream = await EventStream.open(`${configured().url}/api/v1/stream`);
      try {
        expect(stream.response.statusCode).toBe(200);
        await stream.next((event) => event.event === 'inventory');

        // A restart that the Hub takes 3 s to answer, in flight when the signal comes.
        hub().control.setLatency({ ms: 3000, routes: ['space-restart'] });
        const before = hub().counters.requests({ route: 'space-restart' });
        // Settled either way, so a cut connection is reported below rather than left unhandled.
        const slow = httpRequest(`${configured().url}/api/v1/action/${ALICE_TOKEN}/alice/chat-ui/restart`, { method: 'POST', headers: withKey }).then(
          (reply) => ({ reply, error: null }),
          (error: unknown) => ({ reply: null, error }),
        );
        await eventually(
          'the restart reaching the hub',
          () => hub().counters.requests({ route: 'space-restart' }),
          (count) => count !== before,
          30_000,
          20,
        );

        const signalledAt = Date.now();
        configured().signal('SIGTERM');
        const exit = await configured().exited;
        const tookMs = Date.now() - signalledAt;

        expect(exit).toEqual({ code: 0, signal: null });
        expect(tookMs).toBeLessThan(10_000);
        const { reply, error } = await slow;
        if (!reply) throw new Error(`The request in flight failed: ${String(error)}`);
        expect(reply.status).toBe(200);
        expect(reply.json<ExternalActionResponse>()).toEqual({ success: true, message: 'Space alice/chat-ui 重启成功' });
        // The server, not this client, ended the stream.
        expect(['end', 'cut']).toContain(await stream.ended);
        // And nothing listens any more.
        await expect(httpRequest(`${configured().url}/api/v1/health`, { timeoutMs: 5000 })).rejects.toThrow();
        const lines = configured().logs().map((line) => line.msg ?? '');
        expect(lines.some((msg) => /SIGTERM/.test(msg))).toBe(true);
      } finally {
        stream.close();
        hub().control.setLatency(null);
      }
    }, PROCESS_TIMEOUT_MS);
  });
});

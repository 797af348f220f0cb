import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { getJson } from './http';
import { SERVER_NODE_OPTIONS, ServerProcess, parseLogLines } from './server-process';
import { WORKSPACE_ROOT } from './workspace';

/**
 * A stand-in for the production server: it logs JSON lines, listens on HOST:PORT and answers
 * /api/v1/health, and behaves as MODE says: `serve` (stops on SIGTERM), `stubborn` (ignores
 * SIGTERM), `mute` (never listens), `fail` (one line on stderr, exit 1).
 */
const FAKE_SERVER = `
const http = require('node:http');
const mode = process.env.MODE ?? 'serve';
if (mode === 'fail') {
  process.stderr.write('Invalid configuration: HF_USER: lists no account\\n');
  process.exit(1);
}
console.log(JSON.stringify({ level: 30, context: 'Main', msg: 'starting' }));
console.log('not a JSON line');
const server = http.createServer((req, res) => {
  if (req.url === '/process') return res.end(JSON.stringify({ env: process.env, execArgv: process.execArgv, cwd: process.cwd() }));
  res.writeHead(req.url === '/api/v1/health' || req.url === '/ready' ? 200 : 404);
  res.end();
});
if (mode === 'mute') setInterval(() => undefined, 1000);
else server.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => {
  console.log(JSON.stringify({ level: 30, msg: 'SIGTERM received' }));
  if (mode !== 'stubborn') server.close(() => process.exit(0));
});
`;

interface ProcessInfo {
  env: Record<string, string>;
  execArgv: string[];
  cwd: string;
}

describe('ServerProcess', () => {
  let dir: string;
  let entry: string;
  const started: ServerProcess[] = [];

  async function start(...args: Parameters<typeof ServerProcess.start>): Promise<ServerProcess> {
    const server = await ServerProcess.start({ entry, ...args[0] });
    started.push(server);
    return server;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hfd-test-support-'));
    entry = join(dir, 'server.js');
    writeFileSync(entry, FAKE_SERVER);
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.kill()));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts node on the entry with the given environment only, and resolves once /api/v1/health answers', async () => {
    const server = await start({ env: { HF_USER: 'alice:' }, nodeArgs: ['--max-old-space-size=128'] });
    expect(server.running).toBe(true);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.pid).toBeGreaterThan(0);
    const info = await getJson<ProcessInfo>(`${server.url}/process`);
    expect(Object.keys(info.env).sort()).toEqual(['DATA_DIR', 'HF_USER', 'HOST', 'NODE_ENV', 'NODE_OPTIONS', 'PATH', 'PORT']);
    expect(info.env).toMatchObject({ HF_USER: 'alice:', HOST: '127.0.0.1', NODE_ENV: 'production', NODE_OPTIONS: SERVER_NODE_OPTIONS, PORT: String(server.port) });
    expect(info.env['DATA_DIR']).toBe(server.dataDir);
    expect(info.execArgv).toEqual(['--max-old-space-size=128']);
    expect(info.cwd).toBe(WORKSPACE_ROOT);
  });

  it('gives each server a DATA_DIR of its own, removed once it has exited, unless told where its data is', async () => {
    const server = await start();
    const dataDir = server.dataDir;
    if (dataDir === null) throw new Error('no DATA_DIR made');
    expect(existsSync(dataDir)).toBe(true);
    const other = await start();
    expect(other.dataDir).not.toBe(dataDir);
    await server.stop();
    expect(existsSync(dataDir)).toBe(false);
    const toldDataDir = await start({ env: { DATA_DIR: dir } });
    expect(toldDataDir.dataDir).toBeNull();
    expect((await getJson<ProcessInfo>(`${toldDataDir.url}/process`)).env['DATA_DIR']).toBe(dir);
    const toldDatabase = await start({ env: { DATABASE_URL: 'postgres://db/x' } });
    expect(toldDatabase.dataDir).toBeNull();
    expect((await getJson<ProcessInfo>(`${toldDatabase.url}/process`)).env['DATA_DIR']).toBeUndefined();
  });

  it('records when it was spawned on the monotonic clock', async () => {
    const before = Number(process.hrtime.bigint()) / 1e6;
    const server = await ServerProcess.spawn({ entry });
    started.push(server);
    expect(server.spawnedAt).toBeGreaterThanOrEqual(before);
    expect(server.spawnedAt).toBeLessThanOrEqual(Number(process.hrtime.bigint()) / 1e6);
  });

  it('runs a relative entry from its working directory, on the port it is given, through a launcher', async () => {
    const port = await freePort();
    const launched: string[][] = [];
    const server = await start({
      entry: 'server.js',
      cwd: dir,
      port,
      readyPath: '/ready',
      launch: (argv) => {
        launched.push([...argv]);
        return { command: '/bin/sh', args: ['-c', 'exec "$0" "$@"', ...argv] };
      },
    });
    expect(launched).toEqual([[process.execPath, 'server.js']]);
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    const info = await getJson<ProcessInfo>(`${server.url}/process`);
    expect(info.cwd).toBe(dir);
    expect(info.env['PORT']).toBe(String(port));
  });

  it('keeps its output: stdout, stderr, and the stdout lines that are JSON objects', async () => {
    const server = await start();
    expect(server.stdout).toContain('not a JSON line');
    expect(server.logs()).toEqual([{ level: 30, context: 'Main', msg: 'starting' }]);
    expect(server.stderr).toBe('');
  });

  it('stops with SIGTERM, resolving with the exit once the output is complete', async () => {
    const server = await start();
    await expect(server.stop()).resolves.toEqual({ code: 0, signal: null });
    expect(server.running).toBe(false);
    expect(server.exit).toEqual({ code: 0, signal: null });
    expect(server.logs().map((line) => line.msg)).toEqual(['starting', 'SIGTERM received']);
    await expect(server.stop()).resolves.toEqual({ code: 0, signal: null });
  });

  it('kills a server that ignores SIGTERM once the grace time is over', async () => {
    const server = await start({ env: { MODE: 'stubborn' } });
    const stopping = Date.now();
    await expect(server.stop(300)).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - stopping).toBeGreaterThanOrEqual(250);
    expect(server.stdout).toContain('SIGTERM received');
  });

  it('sends a signal as it is, and kills', async () => {
    const server = await start();
    server.signal('SIGTERM');
    await expect(server.exited).resolves.toEqual({ code: 0, signal: null });
    const other = await start({ env: { MODE: 'stubborn' } });
    await expect(other.kill()).resolves.toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('fails with its output when it exits during start-up', async () => {
    const failure = await start({ env: { MODE: 'fail' } }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toContain('The server exited during start-up');
    expect(String(failure)).toContain('server exited (code 1, signal null)');
    expect(String(failure)).toContain('Invalid configuration: HF_USER: lists no account');
  });

  it('fails, and kills it, when it never answers', async () => {
    const server = await ServerProcess.spawn({ entry, env: { MODE: 'mute' } });
    started.push(server);
    await expect(server.waitUntilReady({ readyTimeoutMs: 500 })).rejects.toThrow(/did not answer \/api\/v1\/health within 500 ms\nserver exited \(code null, signal SIGKILL\)\nstdout \(tail\):\n.*starting/);
    expect(server.running).toBe(false);
  });

  it('fails with the reason when the command cannot start', async () => {
    await expect(start({ launch: () => ({ command: '/nonexistent/launcher', args: [] }) })).rejects.toThrow(/exited during start-up\n.*could not start: spawn \/nonexistent\/launcher ENOENT/);
  });
});

describe('parseLogLines', () => {
  it('keeps the lines that are JSON objects, in order', () => {
    const text = ['{"level":40,"msg":"a"}', '', 'plain text', '[1,2]', '"a string"', 'null', '{"level":50,"res":{"statusCode":500}}', '{"unfinished":'].join('\n');
    expect(parseLogLines(text)).toEqual([{ level: 40, msg: 'a' }, { level: 50, res: { statusCode: 500 } }]);
  });
});

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = require.resolve('tsx/cli');

/** Runs the real entry point the way `npm run emulator` does. */
function launch(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [TSX, '--tsconfig', 'apps/hub-emulator/tsconfig.app.json', 'apps/hub-emulator/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

function exit(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline !== -1) resolve(out.slice(0, newline));
    });
    child.once('exit', (code) => reject(new Error(`Exited ${code} before printing: ${err}`)));
  });
}

describe('the hub-emulator CLI process', () => {
  it('prints its URL, serves the demo scenario and exits 0 on SIGTERM', async () => {
    const child = launch(['--port', '0']);
    const exited = exit(child);
    try {
      const line = await firstLine(child);
      const url = /^Hub emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      expect(url).toBeDefined();
      const scenario = (await (await fetch(`${url}/__emulator/scenario`)).json()) as { watch: Array<{ name: string }> };
      expect(scenario.watch.map((w) => w.name)).toEqual(['alice', 'nebula-labs', 'bob', 'carol']);
      const spaces = await fetch(`${url}/api/spaces?author=alice`, { headers: { Authorization: 'Bearer demo-alice-write' } });
      expect(spaces.status).toBe(200);
      expect(((await spaces.json()) as unknown[]).length).toBeGreaterThan(3);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('exits 2 on a bad argument', async () => {
    const child = launch(['--port', 'nope']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await exit(child)).toBe(2);
    expect(err).toContain('--port must be an integer, got "nope"');
  });
});

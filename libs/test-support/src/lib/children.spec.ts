import { spawn } from 'node:child_process';
import { killAll, run, track } from './children';

describe('run', () => {
  it('resolves with the output of a command that succeeds', async () => {
    const result = await run(process.execPath, ['-e', "process.stdout.write('out'); process.stderr.write('err')"]);
    expect(result).toEqual({ code: 0, stdout: 'out', stderr: 'err' });
  });

  it('rejects with the status and the end of the output of a command that fails', async () => {
    const error = await run(process.execPath, ['-e', "console.log('x'.repeat(10_000) + 'the reason'); process.exit(3)"]).then(
      () => null,
      (failure: unknown) => failure,
    );
    if (!(error instanceof Error)) throw new Error('expected the command to fail');
    expect(error.message).toMatch(/ exited with 3\n/);
    expect(error.message).toContain('the reason');
    expect(error.message.length).toBeLessThan(4500);
  });

  it('rejects when the command cannot start', async () => {
    await expect(run('/nonexistent/command', [])).rejects.toThrow(/ENOENT/);
  });
});

describe('killAll', () => {
  it('kills every tracked child still running and resolves once they have exited', async () => {
    const children = [0, 1].map(() => track(spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60_000)'], { stdio: 'ignore' })));
    const exits = children.map((child) => new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal))));
    await killAll();
    for (const child of children) expect(child.signalCode).toBe('SIGKILL');
    await expect(Promise.all(exits)).resolves.toEqual(['SIGKILL', 'SIGKILL']);
  });

  it('leaves alone the children that already exited', async () => {
    const done = track(spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }));
    await new Promise((resolve) => done.once('exit', resolve));
    await killAll();
    expect(done.exitCode).toBe(0);
  });
});

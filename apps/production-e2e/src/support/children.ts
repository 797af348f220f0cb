import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Every child process a spec starts, so that `afterAll` can kill whatever is left even when
 * a test failed half-way, and a Jest worker that dies does not leave servers behind.
 */
const children = new Set<ChildProcess>();

function forget(child: ChildProcess): void {
  children.delete(child);
}

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => forget(child));
  child.once('error', () => forget(child));
  return child;
}

/** SIGKILL to every child still running; resolves once they have all exited. */
export async function killAll(): Promise<void> {
  const running = [...children];
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  children.clear();
}

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; rejects with its output when it exits non-zero. */
export function run(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const result = { code, stdout, stderr };
      if (code === 0) resolve(result);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
}

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Every child process a test started and that is still running, so that `killAll` (in an
 * `afterAll`) ends whatever a failed test left behind, and a test process that exits (a Jest
 * worker that dies, a script interrupted) leaves no server running.
 */
const children = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Registers `child` until it exits (or fails to start). */
export function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  const forget = () => children.delete(child);
  child.once('exit', forget);
  child.once('error', forget);
  return child;
}

/** SIGKILL to every tracked child still running; resolves once they have all exited. */
export async function killAll(): Promise<void> {
  const running = [...children];
  children.clear();
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
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How much of a failed command's output its error quotes: the end, where the reason is. */
const OUTPUT_TAIL_CHARS = 4000;

/** Runs a command to completion (tracked meanwhile); rejects with the end of its output when it exits non-zero. */
export function run(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    // 'close': the exit and the end of both output streams, so the output is complete.
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve({ code, stdout, stderr });
        return;
      }
      const status = code === null ? `was killed by ${signal}` : `exited with ${code}`;
      reject(new Error(`${[command, ...args].join(' ')} ${status}\n${stdout.slice(-OUTPUT_TAIL_CHARS)}\n${stderr.slice(-OUTPUT_TAIL_CHARS)}`));
    });
  });
}

/**
 * Milliseconds on the system-wide monotonic clock (CLOCK_MONOTONIC on Linux). Every process
 * of the benchmark reads the same clock, so a time taken in the emulator's process and one
 * taken in a client worker can be subtracted.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it holds; the error names what was awaited. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(pollMs);
  }
}

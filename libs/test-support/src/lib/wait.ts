export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Reads a value every `stepMs` until `holds` accepts it, and resolves with it. A read that
 * throws counts as not yet. After `timeoutMs` it fails with `what` and the last value or error
 * seen, so a failure says what was awaited and how far it got.
 */
export async function eventually<T>(
  what: string,
  read: () => T | Promise<T>,
  holds: (value: T) => boolean,
  timeoutMs: number,
  stepMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (holds(last)) return last;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError instanceof Error ? `error: ${lastError.message}` : JSON.stringify(last)?.slice(0, 600);
      throw new Error(`Not within ${timeoutMs} ms: ${what} (last seen: ${seen})`);
    }
    await sleep(stepMs);
  }
}

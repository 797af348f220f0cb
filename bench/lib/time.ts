/**
 * Milliseconds on the system-wide monotonic clock (CLOCK_MONOTONIC on Linux). Every process
 * of the benchmark reads the same clock, so a time taken in the emulator's process and one
 * taken in a client worker can be subtracted.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** setTimeout's longest delay: a longer one fires at once. SESSION_TTL may be up to a year. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Calls `callback` once at `time` (epoch ms), however far away it is; answers the function that cancels it. */
export function onceAt(time: number, callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    const delay = Math.max(0, time - Date.now());
    timer = delay <= LONGEST_TIMER_MS ? setTimeout(callback, delay) : setTimeout(arm, LONGEST_TIMER_MS);
  };
  arm();
  return () => clearTimeout(timer);
}

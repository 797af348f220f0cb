import type { HubLogLine } from './hf-api.types';

/**
 * The Hub replays a log from its start on every connection (docs/hub-api.md §7), so after a
 * reconnection the lines already delivered come again. This drops them by timestamp: while
 * a reconnection replays, lines older than the newest delivered are skipped, and so are as
 * many lines at exactly that timestamp as were delivered. The first newer line ends the replay.
 * Timestamps rather than positions, because the Hub keeps a bounded history: a replay may
 * not start where the first connection did.
 */
export class LogReplayFilter {
  private newest = -Infinity;
  private deliveredAtNewest = 0;
  private replaying = false;
  private replayedAtNewest = 0;
  private connections = 0;

  /** Call when a connection attempt starts. */
  connecting(): void {
    this.connections += 1;
    this.replaying = this.connections > 1 && this.newest > -Infinity;
    this.replayedAtNewest = 0;
  }

  /** Whether this line is new to the subscriber. */
  accept(line: HubLogLine): boolean {
    const time = line.timestamp === undefined ? Number.NaN : Date.parse(line.timestamp);
    // Without a usable timestamp a line cannot be placed: deliver it rather than lose it.
    if (Number.isNaN(time)) return true;
    if (this.replaying) {
      if (time < this.newest) return false;
      if (time === this.newest && this.replayedAtNewest < this.deliveredAtNewest) {
        this.replayedAtNewest += 1;
        return false;
      }
      this.replaying = false;
    }
    if (time > this.newest) {
      this.newest = time;
      this.deliveredAtNewest = 1;
    } else if (time === this.newest) {
      this.deliveredAtNewest += 1;
    }
    return true;
  }
}

import { Topic } from '../state/topic';

export type LogKind = 'build' | 'run';

/** One log event as the Hub streams it: `{"data":"<line>\n","timestamp":"<ISO>"}` (docs/hub-api.md §7). */
export interface LogLine {
  data: string;
  timestamp: string;
}

/** Bounded, like the Hub's replay buffer; a long-lived demo must not grow forever. */
const MAX_LINES = 1000;

interface Channel {
  lines: LogLine[];
  topic: Topic<LogLine>;
}

/** Build and run log history of every Space, with live subscribers. */
export class LogBook {
  private readonly channels = new Map<string, Channel>();

  /** `onListeners` tells the run-log producer how many streams follow a Space. */
  constructor(private readonly onListeners: (spaceId: string, kind: LogKind, count: number) => void) {}

  history(spaceId: string, kind: LogKind, tail?: number): LogLine[] {
    const lines = this.channel(spaceId, kind).lines;
    return tail === undefined ? [...lines] : tail === 0 ? [] : lines.slice(-tail);
  }

  append(spaceId: string, kind: LogKind, text: string, at: Date = new Date()): void {
    const channel = this.channel(spaceId, kind);
    const line = { data: `${text}\n`, timestamp: at.toISOString() };
    channel.lines.push(line);
    if (channel.lines.length > MAX_LINES) channel.lines.splice(0, channel.lines.length - MAX_LINES);
    channel.topic.publish(line);
  }

  /** A new build or a new container starts a new log. */
  reset(spaceId: string, kind: LogKind): void {
    this.channel(spaceId, kind).lines = [];
  }

  subscribe(spaceId: string, kind: LogKind, listener: (line: LogLine) => void): () => void {
    return this.channel(spaceId, kind).topic.subscribe(listener);
  }

  private channel(spaceId: string, kind: LogKind): Channel {
    const key = `${kind}:${spaceId}`;
    let channel = this.channels.get(key);
    if (!channel) {
      channel = { lines: [], topic: new Topic<LogLine>((count) => this.onListeners(spaceId, kind, count)) };
      this.channels.set(key, channel);
    }
    return channel;
  }
}

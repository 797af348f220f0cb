import { STREAM_EVENT } from '@hfd/contracts';
import type { MetricFrame } from '../metrics/metrics-hub.service';
import { sseFrame } from './sse-frame';

/**
 * A node per distinct sequence of frames seen in the current event-loop turn. Viewers that
 * receive the same samples in the same order (every viewer of the same Spaces, in a burst)
 * walk the same nodes, so the `metric` event of their batch is made once, not once per viewer.
 */
export class BatchNode {
  private children: Map<MetricFrame, BatchNode> | null = null;
  private event: Buffer | null = null;

  constructor(private readonly frames: readonly MetricFrame[]) {}

  append(frame: MetricFrame): BatchNode {
    this.children ??= new Map();
    let child = this.children.get(frame);
    if (!child) {
      child = new BatchNode([...this.frames, frame]);
      this.children.set(frame, child);
    }
    return child;
  }

  /** The `metric` event of the sequence, `[sample,sample,…]` from the frames' shared JSON, made the first time it is asked for. */
  frame(): Buffer {
    this.event ??= sseFrame(STREAM_EVENT.metric, `[${this.frames.map((frame) => frame.json).join(',')}]`);
    return this.event;
  }
}

/** The root of the current turn's sequences; a new one each turn, so nothing outlives it. */
export class BatchInterner {
  private current = new BatchNode([]);
  private renewing = false;

  get root(): BatchNode {
    if (!this.renewing) {
      this.renewing = true;
      // After this turn's flushes (scheduled earlier in the same setImmediate queue).
      setImmediate(() => {
        this.current = new BatchNode([]);
        this.renewing = false;
      });
    }
    return this.current;
  }
}

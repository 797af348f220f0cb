import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Recording {
  request: { method: string; url: string; headers: Record<string, string> | null };
  response: { status: number; headers: Record<string, string> | null; body: unknown; rawBody?: string };
}

/** A recorded exchange from `testing/recordings/`. */
export function recording(file: string): Recording {
  return JSON.parse(readFileSync(join(__dirname, 'recordings', file), 'utf8')) as Recording;
}

/** The parsed `metric` events of the recorded SSE sample. */
export function recordedMetricEvents(): Array<{ event: string; data: Record<string, unknown> }> {
  const file = JSON.parse(readFileSync(join(__dirname, 'recordings', 'metrics.sse-event.example.json'), 'utf8')) as {
    events: Array<{ event: string; data: Record<string, unknown> }>;
  };
  return file.events;
}

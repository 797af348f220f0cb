import type { HubEmulator } from '../lib/emulator';
import { bearer } from './hub-test-kit';
import { SseTestClient } from './sse-test-client';

/** Follows `/v1/{id}/sse` and collects the `stage` events, to check whole timelines. */
export class StageStream {
  private constructor(readonly client: SseTestClient) {}

  static async open(hub: HubEmulator, spaceId: string, token?: string): Promise<StageStream> {
    const client = await SseTestClient.open(`${hub.url}/v1/${spaceId}/sse`, bearer(token));
    if (client.status !== 200) throw new Error(`Status stream answered ${client.status}`);
    const stream = new StageStream(client);
    await client.next((m) => m.event === 'stage');
    return stream;
  }

  get stages(): string[] {
    return this.client.events.filter((m) => m.event === 'stage').map((m) => m.data);
  }

  /** Waits for `stage`, then returns every stage seen so far. */
  async until(stage: string, timeoutMs = 15_000): Promise<string[]> {
    await this.client.next((m) => m.event === 'stage' && m.data === stage, timeoutMs);
    return this.stages;
  }

  close(): void {
    this.client.close();
  }
}

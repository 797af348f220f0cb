import { generateScenario, startHubEmulator } from '@hfd/hub-emulator';
import type { EmulatorReady, LoadShape } from './protocol';

/**
 * The hub emulator in a process of its own, so the load generator's event loop cannot
 * delay its samples: a scenario of realistic size, metrics at 1 Hz. The rate limit is
 * raised out of the way: this run measures the dashboard server, not the Hub's quota
 * (see docs/reliability.md).
 */
async function main(): Promise<void> {
  const shape = JSON.parse(process.argv[2] ?? '{}') as LoadShape;
  const scenario = generateScenario({ accounts: shape.accounts, spacesPerAccount: shape.spacesPerAccount, seed: shape.seed, rateLimit: { quota: 1_000_000 } });
  const hub = await startHubEmulator({ scenario, metricsIntervalMs: 1000 });
  const tokenOf = new Map(scenario.watch.map((watch) => [watch.name, watch.token]));
  const ready: EmulatorReady = {
    type: 'ready',
    url: hub.url,
    hfUser: scenario.watch.map((watch) => `${watch.name}:${watch.token}`).join(','),
    accounts: scenario.watch.map((watch) => watch.name),
    publicSpaces: scenario.spaces.filter((space) => !space.private && tokenOf.has(space.id.split('/')[0])).map((space) => space.id),
  };
  process.send?.(ready);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'counters') process.send?.({ type: 'counters', openMetricsStreams: hub.counters.openStreams({ kind: 'metrics' }), requests: hub.counters.snapshot().requests });
  });
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

void main();

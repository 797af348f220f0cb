import { ManualClock } from '../lib/clock/manual-clock';
import { startHubEmulator, type HubEmulator, type StartHubEmulatorOptions } from '../lib/emulator';
import type { ScenarioInput } from '../lib/scenario/scenario.schema';

export const ALICE = 'test-alice-write';
export const BOB = 'test-bob-write';

type SpaceInput = ScenarioInput['spaces'][number];

/** A small scenario: users alice and bob (write tokens) and the given Spaces, created in 2024. */
export function scenarioWith(
  spaces: Array<Partial<SpaceInput> & { id: string }>,
  extra: Partial<Omit<ScenarioInput, 'spaces'>> = {},
): ScenarioInput {
  return {
    seed: 7,
    accounts: [
      { type: 'user', name: 'alice', tokens: [{ token: ALICE, role: 'write', displayName: 'tests' }] },
      { type: 'user', name: 'bob', tokens: [{ token: BOB, role: 'write', displayName: 'tests' }] },
    ],
    spaces: spaces.map((space) => ({ sdk: 'gradio', createdAt: '2024-01-01T00:00:00.000Z', ...space })),
    ...extra,
  };
}

export interface ManualHub {
  hub: HubEmulator;
  clock: ManualClock;
  /** Moves the manual clock forward by `ms` (the Hub's time too, unless the scenario sets a timeScale). */
  advance(ms: number): void;
}

/**
 * A fresh emulator per test whose Hub time moves only when the test says so; the
 * default stage timings (4 s build, 3 s start) then cost no real time.
 */
export function useManualHub(scenario: () => ScenarioInput, options: StartHubEmulatorOptions = {}): () => ManualHub {
  let current: ManualHub | undefined;
  beforeEach(async () => {
    const clock = new ManualClock(Date.parse('2025-06-01T12:00:00.000Z'));
    const hub = await startHubEmulator({ scenario: scenario(), clock, keepAliveMs: 60_000, ...options });
    current = { hub, clock, advance: (ms) => clock.advance(ms) };
  });
  afterEach(async () => {
    await current?.hub.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('The hub is not started yet');
    return current;
  };
}

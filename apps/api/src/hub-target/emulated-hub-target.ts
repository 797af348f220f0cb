import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { demoScenario, startHubEmulator, type HubEmulator } from '@hfd/hub-emulator';
import type { AccountConfig } from '../config/hf-user.parser';
import type { HubTarget } from './hub-target';

/** The demo's most recent change, before start: recent, as on a fleet someone works on. */
const DEMO_LATEST_CHANGE_AGO_MS = 2 * 60 * 60 * 1000;

/**
 * Demo mode: the bundled hub emulator, started in-process on a loopback port with the
 * demo scenario, stands in for the Hub; the accounts are the ones the scenario says to watch.
 */
export class EmulatedHubTarget implements HubTarget, OnApplicationShutdown {
  readonly demo = true;
  readonly hubEndpoint: string;
  readonly spacesEndpoint: string;
  readonly accounts: readonly AccountConfig[];

  private constructor(private readonly emulator: HubEmulator) {
    this.hubEndpoint = emulator.url;
    this.spacesEndpoint = emulator.url;
    this.accounts = emulator.scenario.watch.map((entry) => ({ name: entry.name, token: entry.token ?? null }));
  }

  static async start(): Promise<EmulatedHubTarget> {
    const scenario = demoScenario({ latestChangeAt: new Date(Date.now() - DEMO_LATEST_CHANGE_AGO_MS) });
    const emulator = await startHubEmulator({ port: 0, host: '127.0.0.1', scenario });
    new Logger('DemoMode').log(`HF_USER is not set: showing demo data from the bundled hub emulator (${emulator.url}). Set HF_USER to watch your own Spaces, or DEMO=false to turn this off.`);
    return new EmulatedHubTarget(emulator);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.emulator.close();
  }
}

import type { AccountConfig } from '../config/hf-user.parser';

/**
 * Where the Hub is and which accounts to watch. From the configuration normally; in
 * demo mode, from the hub emulator the server starts in-process.
 */
export abstract class HubTarget {
  abstract readonly hubEndpoint: string;
  abstract readonly spacesEndpoint: string;
  abstract readonly accounts: readonly AccountConfig[];
  abstract readonly demo: boolean;
}

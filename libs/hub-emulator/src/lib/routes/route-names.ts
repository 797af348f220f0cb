/** Names the emulator gives the Hub routes it serves; counters and faults use them. */
export const HUB_ROUTE_NAMES = [
  'whoami',
  'spaces-list',
  'space-info',
  'space-runtime',
  'space-restart',
  'space-pause',
  'space-sleeptime',
  'space-hardware',
  'space-logs',
  'live-metrics',
  'space-status',
] as const;

export type HubRouteName = (typeof HUB_ROUTE_NAMES)[number];

/** `unknown` counts requests for paths the Hub does not serve (404). */
export type CountedRouteName = HubRouteName | 'unknown';

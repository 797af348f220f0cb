import type { InventoryChangeEvent, MetricSample, SpaceStatusEvent, SpacesListResponse } from '@hfd/contracts';

/**
 * Shape checks for the stream's payloads. They are cheap and shallow: enough that a
 * malformed or foreign event is skipped instead of breaking a card.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isMetricSample(value: unknown): value is MetricSample {
  return (
    isRecord(value) &&
    typeof value['spaceId'] === 'string' &&
    typeof value['cpuPct'] === 'number' &&
    typeof value['memoryUsedBytes'] === 'number' &&
    typeof value['rxBps'] === 'number' &&
    typeof value['txBps'] === 'number' &&
    typeof value['receivedAt'] === 'number'
  );
}

export function isSpaceStatusEvent(value: unknown): value is SpaceStatusEvent {
  return (
    isRecord(value) &&
    typeof value['spaceId'] === 'string' &&
    typeof value['stage'] === 'string' &&
    isRecord(value['runtime'])
  );
}

export function isInventory(value: unknown): value is SpacesListResponse {
  return isRecord(value) && Array.isArray(value['spaces']) && Array.isArray(value['accounts']);
}

export function isInventoryChange(value: unknown): value is InventoryChangeEvent {
  return isRecord(value) && Array.isArray(value['changed']) && Array.isArray(value['removed']) && Array.isArray(value['accounts']);
}

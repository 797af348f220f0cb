import { Prng } from '../random/prng';

/**
 * A Mongo ObjectId as the Hub sends in `_id` (24 hex): the first 4 bytes are the
 * creation time in seconds, so ids sort like creation dates (docs/hub-api.md §0.3).
 */
export function objectId(seed: number, key: string, createdAt: string): string {
  const seconds = Math.floor(Date.parse(createdAt) / 1000);
  const time = (seconds >>> 0).toString(16).padStart(8, '0');
  return time + new Prng(seed, 'object-id', key).hex(16);
}

/** A 40-hex commit sha. */
export function commitSha(seed: number, key: string): string {
  return new Prng(seed, 'sha', key).hex(40);
}

/** Replica ids are 5 lower-case alphanumerics, e.g. `j6qz9` (docs/hub-api.md §8.1). */
export function replicaId(prng: Prng): string {
  return prng.string('abcdefghijklmnopqrstuvwxyz0123456789', 5);
}

/**
 * `owner/name` → `owner-name`, lower-cased, runs outside `[a-z0-9-]` replaced by `-`
 * (docs/hub-api.md §0.1: `user/tmp_test_space` → `user-tmp-test-space`).
 */
export function subdomainOf(spaceId: string): string {
  return spaceId
    .toLowerCase()
    .replace(/\//g, '-')
    .replace(/[^a-z0-9-]+/g, '-');
}

// Consumers (the API, e2e suites) compile this library through their own tsconfig, so the
// shim must travel with the importing file; an `import` of a declaration-only file cannot.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pure-rand.d.ts" />
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, type RandomGenerator } from 'pure-rand/generator/xoroshiro128plus';

/**
 * FNV-1a over the seed and labels. Each consumer (a Space's metrics, its logs, the
 * scenario generator) derives its own stream, so adding one consumer never shifts
 * the numbers another one sees.
 */
export function deriveSeed(seed: number, ...labels: string[]): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const label of labels) {
    for (let i = 0; i < label.length; i++) {
      hash ^= label.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x2f;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** A seeded random source; the same seed and labels always give the same sequence. */
export class Prng {
  private readonly rng: RandomGenerator;

  constructor(seed: number, ...labels: string[]) {
    this.rng = xoroshiro128plus(deriveSeed(seed, ...labels));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  /** Standard normal variate (Box-Muller). */
  gaussian(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** `length` characters drawn from `alphabet`. */
  string(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  hex(length: number): string {
    return this.string('0123456789abcdef', length);
  }
}

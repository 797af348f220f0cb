/**
 * pure-rand 8 publishes its types only behind `exports` subpaths, which the workspace's
 * `moduleResolution: node` (node10) cannot follow. These declarations mirror the two
 * subpaths the emulator uses; the runtime resolves them through `exports` as usual.
 */
declare module 'pure-rand/generator/xoroshiro128plus' {
  export interface RandomGenerator {
    clone(): RandomGenerator;
    next(): number;
    getState(): readonly number[];
  }
  export function xoroshiro128plus(seed: number): RandomGenerator;
}

declare module 'pure-rand/distribution/uniformFloat64' {
  import type { RandomGenerator } from 'pure-rand/generator/xoroshiro128plus';
  export function uniformFloat64(rng: RandomGenerator): number;
}

declare module 'pure-rand/distribution/uniformInt' {
  import type { RandomGenerator } from 'pure-rand/generator/xoroshiro128plus';
  export function uniformInt(rng: RandomGenerator, from: number, to: number): number;
}

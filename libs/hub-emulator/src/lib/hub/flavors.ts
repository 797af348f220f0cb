/**
 * Hardware flavors accepted by `POST /hardware`: the OPENAPI enum of docs/hub-api.md §5.
 * Specs are approximations of DOCS `spaces-gpus.md`; they only shape plausible metrics.
 */
export const FLAVORS = [
  'cpu-basic',
  'cpu-upgrade',
  'cpu-performance',
  'cpu-xl',
  'sprx8',
  'zero-a10g',
  't4-small',
  't4-medium',
  'l4x1',
  'l4x4',
  'l40sx1',
  'l40sx4',
  'l40sx8',
  'a10g-small',
  'a10g-large',
  'a10g-largex2',
  'a10g-largex4',
  'a100-large',
  'a100x4',
  'a100x8',
  'h200',
  'h200x2',
  'h200x4',
  'h200x8',
  'inf2x6',
] as const;

export type Flavor = (typeof FLAVORS)[number];

export interface FlavorSpec {
  vcpu: number;
  ramGb: number;
  gpuCount: number;
  /** Memory one GPU reports, in bytes (the recorded A10G sample says 22836000000). */
  gpuMemoryBytes: number;
}

const T4 = 16_106_127_360;
const A10G = 22_836_000_000;
const L4 = 23_034_000_000;
const L40S = 48_305_000_000;
const A100 = 85_899_345_920;
const H200 = 150_754_820_096;

const cpu = (vcpu: number, ramGb: number): FlavorSpec => ({ vcpu, ramGb, gpuCount: 0, gpuMemoryBytes: 0 });
const gpu = (vcpu: number, ramGb: number, gpuCount: number, gpuMemoryBytes: number): FlavorSpec => ({
  vcpu,
  ramGb,
  gpuCount,
  gpuMemoryBytes,
});

export const FLAVOR_SPECS: Readonly<Record<Flavor, FlavorSpec>> = {
  'cpu-basic': cpu(2, 16),
  'cpu-upgrade': cpu(8, 32),
  'cpu-performance': cpu(32, 256),
  'cpu-xl': cpu(16, 124),
  sprx8: cpu(8, 32),
  // ZeroGPU lends a GPU per request; the container itself reports none (inferred).
  'zero-a10g': cpu(2, 16),
  't4-small': gpu(4, 15, 1, T4),
  't4-medium': gpu(8, 30, 1, T4),
  l4x1: gpu(8, 30, 1, L4),
  l4x4: gpu(48, 186, 4, L4),
  l40sx1: gpu(8, 62, 1, L40S),
  l40sx4: gpu(48, 382, 4, L40S),
  l40sx8: gpu(192, 1534, 8, L40S),
  'a10g-small': gpu(4, 15, 1, A10G),
  'a10g-large': gpu(12, 46, 1, A10G),
  'a10g-largex2': gpu(24, 92, 2, A10G),
  'a10g-largex4': gpu(48, 184, 4, A10G),
  'a100-large': gpu(12, 142, 1, A100),
  a100x4: gpu(48, 568, 4, A100),
  a100x8: gpu(96, 1136, 8, A100),
  h200: gpu(23, 256, 1, H200),
  h200x2: gpu(46, 512, 2, H200),
  h200x4: gpu(92, 1024, 4, H200),
  h200x8: gpu(184, 2048, 8, H200),
  // Inferentia accelerators are not GPUs, so no `gpus` key.
  inf2x6: cpu(24, 192),
};

/** The free tier: its sleep time is fixed at 48 h (docs/hub-api.md §5). */
export const FREE_FLAVOR: Flavor = 'cpu-basic';
export const FREE_SLEEP_SECONDS = 172_800;

export function isFlavor(value: string): value is Flavor {
  return (FLAVORS as readonly string[]).includes(value);
}

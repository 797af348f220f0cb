import { FLAVOR_SPECS, type Flavor } from '../hub/flavors';
import { Prng } from '../random/prng';
import type { LoadPreset, LoadProfile } from '../scenario/scenario.schema';

export interface GpuSample {
  utilization: number;
  memory_used_bytes: number;
  memory_total_bytes: number;
}

/** One `event: metric` payload: exactly the fields of docs/hub-api.md §8.1. */
export interface MetricSample {
  cpu_usage_pct: number;
  cpu_millicores: number;
  memory_used_bytes: number;
  memory_total_bytes: number;
  rx_bps: number;
  tx_bps: number;
  gpus?: Record<string, GpuSample>;
  replica: string;
}

interface Profile {
  cpuPct: number;
  memoryPct: number;
  netBps: number;
  gpuPct: number;
  volatility: number;
}

const PRESETS: Readonly<Record<LoadPreset, Profile>> = {
  idle: { cpuPct: 1, memoryPct: 12, netBps: 300, gpuPct: 0, volatility: 0.15 },
  light: { cpuPct: 10, memoryPct: 30, netBps: 8_000, gpuPct: 10, volatility: 0.35 },
  busy: { cpuPct: 60, memoryPct: 55, netBps: 250_000, gpuPct: 65, volatility: 0.45 },
  spiky: { cpuPct: 15, memoryPct: 35, netBps: 30_000, gpuPct: 20, volatility: 0.9 },
};

function resolveProfile(profile: LoadProfile): Profile {
  if (typeof profile === 'string') return PRESETS[profile];
  return { ...PRESETS.light, ...profile };
}

interface Walk {
  cpu: number;
  memory: number;
  rx: number;
  tx: number;
  gpu: number;
  gpuMemory: number;
}

const GIB = 2 ** 30;
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** A container's memory limit: the flavor's RAM rounded to GiB (15 GB → 14 GiB = 15032385536, as recorded). */
export function memoryTotalBytes(flavor: Flavor): number {
  return Math.round((FLAVOR_SPECS[flavor].ramGb * 1e9) / GIB) * GIB;
}

/** The CPU allocation; the recorded 4-vCPU sample shows 3500, a sidecar keeping 500 (inferred). */
export function cpuMillicores(flavor: Flavor): number {
  const { vcpu } = FLAVOR_SPECS[flavor];
  return vcpu * 1000 - (vcpu >= 4 ? 500 : 0);
}

/**
 * Plausible live metrics for one Space: mean-reverting random walks around its load
 * profile, one walk per replica, drawn from a PRNG seeded by the scenario seed and the
 * Space id, so the same seed always yields the same samples in the same order.
 */
export class MetricGenerator {
  private readonly prng: Prng;
  private readonly profile: Profile;
  private readonly walks = new Map<string, Walk>();
  private readonly gpuIds = new Map<string, string[]>();

  constructor(
    private readonly seed: number,
    private readonly spaceId: string,
    profile: LoadProfile,
  ) {
    this.prng = new Prng(seed, 'metrics', spaceId);
    this.profile = resolveProfile(profile);
  }

  next(flavor: Flavor, replica: string): MetricSample {
    const spec = FLAVOR_SPECS[flavor];
    const walk = this.step(this.walkFor(replica));
    const memoryTotal = memoryTotalBytes(flavor);
    const base = {
      cpu_usage_pct: Math.round(walk.cpu),
      cpu_millicores: cpuMillicores(flavor),
      memory_used_bytes: Math.round(memoryTotal * walk.memory),
      memory_total_bytes: memoryTotal,
      rx_bps: Math.round(walk.rx),
      tx_bps: Math.round(walk.tx),
    };
    if (spec.gpuCount === 0) return { ...base, replica };
    const gpus: Record<string, GpuSample> = {};
    for (const id of this.gpuIdsFor(replica, spec.gpuCount)) {
      gpus[id] = {
        utilization: Math.round(clamp(walk.gpu + this.prng.gaussian() * 3, 0, 100)),
        memory_used_bytes: Math.round(spec.gpuMemoryBytes * walk.gpuMemory),
        memory_total_bytes: spec.gpuMemoryBytes,
      };
    }
    // The recorded sample's key order: gpus between tx_bps and replica.
    return { ...base, gpus, replica };
  }

  private walkFor(replica: string): Walk {
    let walk = this.walks.get(replica);
    if (!walk) {
      const p = this.profile;
      walk = {
        cpu: p.cpuPct,
        memory: p.memoryPct / 100,
        rx: p.netBps,
        tx: p.netBps * 1.6,
        gpu: p.gpuPct,
        gpuMemory: 0.2 + (0.6 * p.gpuPct) / 100,
      };
      this.walks.set(replica, walk);
    }
    return walk;
  }

  private step(walk: Walk): Walk {
    const p = this.profile;
    const v = p.volatility;
    const g = () => this.prng.gaussian();
    const spike = this.prng.chance(0.05 * v) ? 40 * v * this.prng.float() : 0;
    walk.cpu = clamp(walk.cpu + 0.2 * (p.cpuPct - walk.cpu) + (1 + 12 * v) * g() + spike, 0, 100);
    walk.memory = clamp(walk.memory + 0.1 * (p.memoryPct / 100 - walk.memory) + 0.01 * v * g(), 0.02, 0.97);
    walk.rx = Math.max(0, walk.rx + 0.25 * (p.netBps - walk.rx) + p.netBps * 0.6 * v * g());
    walk.tx = Math.max(0, walk.tx + 0.25 * (p.netBps * 1.6 - walk.tx) + p.netBps * 0.9 * v * g());
    walk.gpu = clamp(walk.gpu + 0.2 * (p.gpuPct - walk.gpu) + (1 + 10 * v) * g(), 0, 100);
    walk.gpuMemory = clamp(walk.gpuMemory + 0.005 * v * g(), 0.05, 0.95);
    return walk;
  }

  private gpuIdsFor(replica: string, count: number): string[] {
    let ids = this.gpuIds.get(replica);
    if (!ids) {
      const prng = new Prng(this.seed, 'gpu', this.spaceId, replica);
      ids = Array.from({ length: count }, () => prng.hex(8));
      this.gpuIds.set(replica, ids);
    }
    return ids;
  }
}

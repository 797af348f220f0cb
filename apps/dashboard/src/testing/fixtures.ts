import type { AccountStatus, MetricSample, RuntimeStage, SpaceSummary } from '@hfd/contracts';

/** A Space as GET /spaces returns it; override what a test is about. */
export function makeSpace(id: string, stage: RuntimeStage | null = 'RUNNING', overrides: Partial<SpaceSummary> = {}): SpaceSummary {
  const [owner = 'owner', name = 'name'] = id.split('/');
  return {
    id,
    owner,
    name,
    title: name,
    emoji: null,
    description: null,
    colorFrom: null,
    colorTo: null,
    sdk: 'gradio',
    private: false,
    tags: [],
    likes: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    lastModified: '2025-06-01T00:00:00.000Z',
    appUrl: `https://${owner}-${name}.hf.space`,
    hubUrl: `https://huggingface.co/spaces/${id}`,
    runtime:
      stage === null
        ? null
        : {
            stage,
            hardware: { current: 'cpu-basic', requested: 'cpu-basic' },
            sleepTimeSeconds: null,
            replicas: { current: 1, requested: 1 },
            errorMessage: null,
          },
    stageSince: null,
    ...overrides,
  };
}

export function makeAccount(name: string, overrides: Partial<AccountStatus> = {}): AccountStatus {
  return { name, canWrite: true, spaceCount: 0, error: null, fetchedAt: '2025-06-01T00:00:00.000Z', ...overrides };
}

export function makeSample(spaceId: string, overrides: Partial<MetricSample> = {}): MetricSample {
  return {
    spaceId,
    replica: 'r1',
    cpuPct: 12.5,
    cpuMillicores: null,
    memoryUsedBytes: 512 * 1024 * 1024,
    memoryTotalBytes: 2 * 1024 * 1024 * 1024,
    rxBps: 2048,
    txBps: 1024,
    gpus: [],
    receivedAt: 1_750_000_000_000,
    ...overrides,
  };
}

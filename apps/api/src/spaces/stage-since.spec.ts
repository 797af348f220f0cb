import type { RuntimeStage, SpaceRuntime, SpaceSummary } from '@hfd/contracts';
import { stageSinceOf } from './stage-since';

const NOW = '2025-06-01T12:00:00.000Z';
const EARLIER = '2025-06-01T10:00:00.000Z';

function runtime(stage: RuntimeStage): SpaceRuntime {
  return { stage, hardware: { current: null, requested: null }, sleepTimeSeconds: null, replicas: { current: null, requested: null }, errorMessage: null };
}

function space(stage: RuntimeStage | null, stageSince: string | null): SpaceSummary {
  return {
    id: 'alice/chat', owner: 'alice', name: 'chat', title: 'chat', emoji: null, description: null, colorFrom: null, colorTo: null,
    sdk: 'gradio', private: false, tags: [], likes: 0, createdAt: null, lastModified: null, appUrl: null,
    hubUrl: 'https://hub/spaces/alice/chat', runtime: stage === null ? null : runtime(stage), stageSince,
  };
}

describe('stageSinceOf', () => {
  it('is null for a Space seen for the first time: this server did not see its stage begin', () => {
    expect(stageSinceOf(undefined, runtime('RUNTIME_ERROR'), NOW)).toBeNull();
  });

  it('is now when the stage changed since the previous read', () => {
    expect(stageSinceOf(space('RUNNING', null), runtime('RUNTIME_ERROR'), NOW)).toBe(NOW);
    expect(stageSinceOf(space('RUNNING', EARLIER), runtime('BUILDING'), NOW)).toBe(NOW);
  });

  it('keeps what it knew while the stage stays, unknown included', () => {
    expect(stageSinceOf(space('RUNTIME_ERROR', EARLIER), runtime('RUNTIME_ERROR'), NOW)).toBe(EARLIER);
    expect(stageSinceOf(space('RUNTIME_ERROR', null), runtime('RUNTIME_ERROR'), NOW)).toBeNull();
  });

  it('is null when either side has no runtime: a stage the Hub did not report is not a change seen', () => {
    expect(stageSinceOf(space(null, null), runtime('RUNNING'), NOW)).toBeNull();
    expect(stageSinceOf(space('RUNNING', EARLIER), null, NOW)).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHubLogLine, parseHubMetricEvent, parseHubRuntime, parseHubSpace, parseHubWhoAmI } from './hf-api.parse';

/** Bodies of real Hub responses, from libs/hub-emulator/src/testing/recordings. */
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));
}

describe('parseHubRuntime', () => {
  it('reads a static Space: no gcTimeout, devMode or domains, null hardware', () => {
    expect(parseHubRuntime(fixture('runtime.static-space.json'))).toEqual({
      stage: 'RUNNING',
      hardware: { current: null, requested: null },
      storage: null,
      replicas: { requested: 1, current: 1 },
    });
  });

  it('reads a runtime right after a restart, without replicas.current', () => {
    const runtime = parseHubRuntime(fixture('runtime.restart.json'));
    expect(runtime).toEqual({
      stage: 'BUILDING',
      hardware: { current: null, requested: 'cpu-basic' },
      storage: null,
      gcTimeout: 172800,
      replicas: { requested: 1 },
      devMode: false,
      domains: [{ domain: 'user-tmp-test-space.hf.space', stage: 'READY' }],
    });
  });

  it('reads the 2023 shape', () => {
    expect(parseHubRuntime(fixture('runtime.building.2023.json'))).toMatchObject({ stage: 'BUILDING', replicas: { current: 1, requested: 1 } });
  });

  it('keeps replicas.requested "auto" and the errorMessage, drops unknown and mistyped fields', () => {
    expect(
      parseHubRuntime({
        stage: 'RUNTIME_ERROR',
        errorMessage: 'exit code 1',
        replicas: { current: null, requested: 'auto' },
        gcTimeout: 'soon',
        hotReloading: { status: 'created' },
        domains: [{ domain: 'a.hf.space', isCustom: null, stage: 'PENDING' }, { nope: true }],
      }),
    ).toEqual({
      stage: 'RUNTIME_ERROR',
      errorMessage: 'exit code 1',
      replicas: { current: null, requested: 'auto' },
      domains: [{ domain: 'a.hf.space', isCustom: null, stage: 'PENDING' }],
    });
  });

  it('refuses a value without a stage', () => {
    expect(parseHubRuntime({ hardware: {} })).toBeUndefined();
    expect(parseHubRuntime(null)).toBeUndefined();
    expect(parseHubRuntime([{ stage: 'RUNNING' }])).toBeUndefined();
  });
});

describe('parseHubSpace', () => {
  it('reads real items with their inline runtime, ignoring the fields we do not use', () => {
    const items = fixture('spaces.semantic-search.json') as unknown[];
    const spaces = items.map(parseHubSpace);
    expect(spaces.map((space) => space?.id)).toEqual([
      'ginipick/FLUXllama',
      'ginipick/Realtime-FLUX',
      'evalstate/flux1_schnell',
      'black-forest-labs/FLUX.1-schnell',
    ]);
    expect(spaces[0]).toMatchObject({ author: 'ginipick', likes: 378, private: false, sdk: 'gradio', runtime: { stage: 'RUNNING' } });
    expect(spaces[0]).not.toHaveProperty('authorData');
    expect(spaces[3]?.runtime?.replicas).toEqual({ current: 1, requested: 'auto' });
  });

  it('reads a minimal expanded item (only _id, id and what was asked for)', () => {
    expect(parseHubSpace({ _id: '6409a392bbc73d022c58c980', id: 'microsoft/visual_chatgpt', subdomain: 'microsoft-visual-chatgpt' })).toEqual({
      _id: '6409a392bbc73d022c58c980',
      id: 'microsoft/visual_chatgpt',
      subdomain: 'microsoft-visual-chatgpt',
    });
  });

  it('keeps the card fields we show, whatever else the README holds', () => {
    const space = parseHubSpace({
      id: 'a/b',
      gated: 'manual',
      cardData: { title: 'B', emoji: '🏢', app_port: 7860, pinned: false, tags: ['x', 3], custom_headers: { a: 1 } },
    });
    expect(space).toEqual({ id: 'a/b', gated: 'manual', cardData: { title: 'B', emoji: '🏢', app_port: 7860, pinned: false, tags: ['x'] } });
  });

  it('refuses an item without an id', () => {
    expect(parseHubSpace({ _id: 'x' })).toBeUndefined();
  });
});

describe('parseHubWhoAmI', () => {
  it('reads a user with a write token', () => {
    expect(parseHubWhoAmI(fixture('whoami.user-write-token.json'))).toEqual({
      type: 'user',
      id: '62f264b9f3c90f4b6514a269',
      name: 'hub.js',
      fullname: '@huggingface/hub CI bot',
      email: 'eliott@huggingface.co',
      emailVerified: true,
      canPay: false,
      isPro: false,
      avatarUrl: '/avatars/934b830e9fdaa879487852f79eef7165.svg',
      orgs: [],
      auth: { type: 'access_token', accessToken: { createdAt: '1970-01-01T00:00:00.000Z', displayName: 'ci-hub.js', role: 'write' } },
    });
  });

  it('reads orgs and fine-grained scopes, without an email', () => {
    const whoami = parseHubWhoAmI({
      name: 'alice',
      orgs: [{ name: 'acme', roleInOrg: 'write', isEnterprise: false }, { nameless: true }],
      auth: {
        type: 'access_token',
        accessToken: {
          role: 'fineGrained',
          fineGrained: { scoped: [{ entity: { type: 'space', name: 'alice/app' }, permissions: ['repo.write'] }], global: ['discussion.write'] },
        },
      },
    });
    expect(whoami?.email).toBeUndefined();
    expect(whoami?.orgs).toEqual([{ name: 'acme', roleInOrg: 'write', isEnterprise: false }]);
    expect(whoami?.auth?.accessToken?.fineGrained).toEqual({
      scoped: [{ entity: { type: 'space', name: 'alice/app' }, permissions: ['repo.write'] }],
      global: ['discussion.write'],
    });
  });
});

describe('parseHubMetricEvent', () => {
  it('reads the recorded samples', () => {
    const [first] = fixture('metric-events.json') as unknown[];
    expect(parseHubMetricEvent(first)).toEqual({
      cpu_usage_pct: 0,
      cpu_millicores: 3500,
      memory_used_bytes: 1417216,
      memory_total_bytes: 15032385536,
      rx_bps: 0,
      tx_bps: 0,
      gpus: { d901cd7f: { utilization: 0, memory_used_bytes: 0, memory_total_bytes: 22836000000 } },
      replica: 'j6qz9',
    });
  });

  it('accepts a sample without GPUs and ignores new fields', () => {
    expect(parseHubMetricEvent({ cpu_usage_pct: 12.5, replica: 'abcde', disk_bps: 3 })).toEqual({ cpu_usage_pct: 12.5, replica: 'abcde' });
  });

  it.each([[null], [[1, 2]], ['text'], [{ cpu_usage_pct: 'high' }], [{ replica: 5 }], [{ gpus: { a: { utilization: 'x' } } }], [{ gpus: [] }]])(
    'calls %j malformed',
    (value) => {
      expect(parseHubMetricEvent(value)).toBeUndefined();
    },
  );
});

describe('parseHubLogLine', () => {
  it('reads {data, timestamp} and refuses anything else', () => {
    expect(parseHubLogLine({ data: 'hello\n', timestamp: '2026-01-01T00:00:00Z', extra: 1 })).toEqual({ data: 'hello\n', timestamp: '2026-01-01T00:00:00Z' });
    expect(parseHubLogLine({ timestamp: 'x' })).toBeUndefined();
  });
});

import type { HubSpace } from '../hf-client/hf-api.types';
import { toDetail, toRuntime, toSummary } from './space.mapper';

const HUB = 'https://huggingface.co';

describe('space mapper', () => {
  it('builds the app link from the Hub subdomain, and refuses anything that is not a DNS label', () => {
    const base: HubSpace = { id: 'user1/My_Space', subdomain: 'user1-my-space' };
    expect(toSummary(base, HUB).appUrl).toBe('https://user1-my-space.hf.space');
    for (const subdomain of ['evil.com/x', 'a#b', 'UPPER', '-leading', 'a'.repeat(64), 'x.y']) {
      expect(toSummary({ ...base, subdomain }, HUB).appUrl).toBeNull();
    }
    expect(toSummary({ id: 'user1/no-subdomain' }, HUB).appUrl).toBeNull();
  });

  it('reports a stage this version does not know as UNKNOWN', () => {
    expect(toRuntime({ stage: 'HIBERNATING' }).stage).toBe('UNKNOWN');
  });

  it('tolerates a static Space runtime without gcTimeout, domains or replicas.current', () => {
    expect(toRuntime({ stage: 'RUNNING', hardware: { current: null, requested: null }, replicas: { requested: 1 } })).toEqual({
      stage: 'RUNNING',
      hardware: { current: null, requested: null },
      sleepTimeSeconds: null,
      replicas: { current: null, requested: 1 },
      errorMessage: null,
    });
  });

  it('falls back to the name when the card has no title, and keeps card data', () => {
    const summary = toSummary({ id: 'alice/chat', cardData: { emoji: '🤖', short_description: 'A bot', colorFrom: 'red' }, sdk: 'gradio', private: true }, HUB);
    expect(summary).toMatchObject({ title: 'chat', emoji: '🤖', description: 'A bot', colorFrom: 'red', sdk: 'gradio', private: true, hubUrl: `${HUB}/spaces/alice/chat` });
  });

  it('adds the detail fields', () => {
    const detail = toDetail({ id: 'alice/chat', sha: 'abc', cardData: { license: 'mit', sdk_version: '4.0' }, runtime: { stage: 'RUNNING', domains: [{ domain: 'alice-chat.hf.space', stage: 'READY' }] } }, HUB);
    expect(detail).toMatchObject({ sha: 'abc', license: 'mit', sdkVersion: '4.0', domains: [{ domain: 'alice-chat.hf.space', stage: 'READY', isCustom: false }] });
  });
});

import { call, useHub } from '../../testing/hub-test-kit';

type Info = Record<string, unknown>;

describe('GET /api/spaces/{owner}/{name} (docs/hub-api.md §2)', () => {
  const hub = useHub();

  it('returns the default fields with runtime, host, subdomain, card data and files', async () => {
    const res = await call(hub(), '/api/spaces/alice/whisper-transcriber');
    expect(res.status).toBe(200);
    const info = res.body as Info;
    expect(Object.keys(info)).toEqual([
      '_id',
      'id',
      'author',
      'sha',
      'lastModified',
      'createdAt',
      'private',
      'gated',
      'disabled',
      'host',
      'subdomain',
      'likes',
      'sdk',
      'tags',
      'cardData',
      'siblings',
      'models',
      'runtime',
      'usedStorage',
      'trendingScore',
    ]);
    expect(info).toMatchObject({
      id: 'alice/whisper-transcriber',
      author: 'alice',
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      subdomain: 'alice-whisper-transcriber',
      host: 'https://alice-whisper-transcriber.hf.space',
      gated: false,
      disabled: false,
      cardData: { title: 'Whisper Transcriber', emoji: '🎙️', colorFrom: 'indigo', colorTo: 'purple', sdk: 'gradio', license: 'mit' },
      siblings: expect.arrayContaining([{ rfilename: 'app.py' }]),
      models: ['openai/whisper-large-v3-turbo'],
    });
    const runtime = await call(hub(), '/api/spaces/alice/whisper-transcriber/runtime');
    expect(info['runtime']).toEqual(runtime.body);
  });

  it('derives _id from the creation date, like a Mongo ObjectId', async () => {
    const info = (await call(hub(), '/api/spaces/alice/whisper-transcriber')).body as { _id: string; createdAt: string };
    expect(parseInt(info._id.slice(0, 8), 16) * 1000).toBe(Date.parse(info.createdAt));
  });

  it('serves static Spaces from their static host', async () => {
    const info = (await call(hub(), '/api/spaces/alice/portfolio')).body as Info;
    expect(info['host']).toBe('https://alice-portfolio.static.hf.space');
    expect(info['runtime']).toEqual({ stage: 'RUNNING', hardware: { current: null, requested: null }, storage: null, replicas: { requested: 1, current: 1 } });
  });

  it('answers /revision/main, /revision/HEAD and the current sha alike', async () => {
    const info = (await call(hub(), '/api/spaces/bob/music-gen')).body as { sha: string };
    for (const rev of ['main', 'HEAD', info.sha]) {
      expect((await call(hub(), `/api/spaces/bob/music-gen/revision/${rev}`)).body).toEqual(info);
    }
  });

  it('answers 404 RevisionNotFound for another revision', async () => {
    const res = await call(hub(), '/api/spaces/bob/music-gen/revision/v2');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-error-code')).toBe('RevisionNotFound');
    expect(res.body).toEqual({ error: 'Invalid rev id: v2' });
  });

  it('supports expand, and rejects unknown keys with 400', async () => {
    const res = await call(hub(), '/api/spaces/bob/music-gen?expand=runtime&expand[]=author');
    expect(Object.keys(res.body as Info)).toEqual(['_id', 'id', 'runtime', 'author']);
    expect((await call(hub(), '/api/spaces/bob/music-gen?expand=weather')).status).toBe(400);
  });

  it('resolves ids case-insensitively', async () => {
    const res = await call(hub(), '/api/spaces/Bob/Music-Gen');
    expect((res.body as Info)['id']).toBe('bob/music-gen');
  });
});

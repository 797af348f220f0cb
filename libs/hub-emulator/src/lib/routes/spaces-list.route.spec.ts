import { generateScenario } from '../scenario/generate-scenario';
import { call, useHub } from '../../testing/hub-test-kit';

type Item = Record<string, unknown> & { id: string };

/** HFJS's own Link parser (docs/hub-api.md §1): it needs whitespace between `;` and `rel`. */
const HFJS_LINK = /<(https?:\/\/[^>]+)>;\s+rel="([^"]+)"/;

describe('GET /api/spaces (docs/hub-api.md §1)', () => {
  describe('on the demo scenario', () => {
    const hub = useHub();

    it('returns the default item fields of §1.1 and nothing else', async () => {
      const res = await call(hub(), '/api/spaces?author=alice');
      expect(res.status).toBe(200);
      const items = res.body as Item[];
      for (const item of items) {
        expect(Object.keys(item)).toEqual(['_id', 'id', 'likes', 'trendingScore', 'private', 'sdk', 'tags', 'createdAt']);
      }
      expect(items[0]).toEqual({
        _id: expect.stringMatching(/^[0-9a-f]{24}$/),
        id: 'alice/whisper-transcriber',
        likes: 214,
        trendingScore: 6,
        private: false,
        sdk: 'gradio',
        tags: ['gradio', 'audio', 'speech-recognition', 'region:us'],
        createdAt: '2024-03-14T10:22:31.000Z',
      });
    });

    it('shows private Spaces only to a token that can see them', async () => {
      const ids = async (token?: string) => ((await call(hub(), '/api/spaces?author=alice', { token })).body as Item[]).map((s) => s.id);
      expect(await ids()).not.toContain('alice/pdf-chat');
      expect(await ids('demo-bob-read')).not.toContain('alice/pdf-chat');
      expect(await ids('demo-alice-read')).toContain('alice/pdf-chat');
    });

    it('searches owner and name as a case-insensitive substring', async () => {
      const ids = async (search: string) =>
        ((await call(hub(), `/api/spaces?search=${search}`, { token: 'demo-alice-write' })).body as Item[]).map((s) => s.id);
      expect(await ids('WHISPER')).toEqual(['alice/whisper-transcriber']);
      expect(await ids('Nebula')).toEqual(expect.arrayContaining(['nebula-labs/llm-leaderboard', 'nebula-labs/docs-site']));
      expect(await ids('no-such-thing')).toEqual([]);
    });

    it('accepts expand=x and expand[]=x, repeated, and returns only _id, id and those keys in request order', async () => {
      for (const query of ['expand=sdk&expand=runtime&expand=likes', 'expand[]=sdk&expand[]=runtime&expand[]=likes', 'expand%5B%5D=sdk&expand=runtime&expand[]=likes']) {
        const items = (await call(hub(), `/api/spaces?author=bob&${query}`)).body as Item[];
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) expect(Object.keys(item)).toEqual(['_id', 'id', 'sdk', 'runtime', 'likes']);
      }
    });

    it('leaves out expanded keys that have no value', async () => {
      const items = (await call(hub(), '/api/spaces?author=bob&expand=models&expand=resourceGroup&expand=sdk')).body as Item[];
      const music = items.find((s) => s.id === 'bob/music-gen');
      const scraper = items.find((s) => s.id === 'bob/web-scraper');
      expect(Object.keys(music ?? {})).toEqual(['_id', 'id', 'models', 'sdk']);
      expect(Object.keys(scraper ?? {})).toEqual(['_id', 'id', 'sdk']);
    });

    it('answers 400 with a JSON error for an unknown expand key', async () => {
      const res = await call(hub(), '/api/spaces?expand=runtime&expand=colour');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: expect.stringContaining('"colour"') });
    });

    it.each(['true', 'True'])('adds card data, files and runtime with full=%s', async (value) => {
      const items = (await call(hub(), `/api/spaces?author=bob&full=${value}`)).body as Item[];
      expect(items[0]).toMatchObject({
        cardData: expect.objectContaining({ title: expect.any(String) }),
        siblings: expect.arrayContaining([{ rfilename: 'README.md' }]),
        runtime: expect.objectContaining({ stage: expect.any(String) }),
        lastModified: expect.any(String),
      });
      const plain = (await call(hub(), '/api/spaces?author=bob&full=false')).body as Item[];
      expect(plain[0]).not.toHaveProperty('cardData');
    });

    it('sorts descending by a key, ascending with direction=1', async () => {
      const likes = async (direction: string) =>
        ((await call(hub(), `/api/spaces?sort=likes${direction}&expand=likes`)).body as Array<{ likes: number }>).map((s) => s.likes);
      const descending = await likes('');
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      expect(await likes('&direction=1')).toEqual([...descending].reverse());
    });

    it('refuses a nonsensical limit with 400', async () => {
      expect((await call(hub(), '/api/spaces?limit=ten')).status).toBe(400);
      expect((await call(hub(), '/api/spaces?limit=0')).status).toBe(400);
    });
  });

  describe('paging', () => {
    const scenario = { ...generateScenario({ accounts: 2, spacesPerAccount: 12, seed: 5, privateShare: 0.3 }), pageSize: 10 };
    const hub = useHub({ scenario });
    const token = 'bench-user-01-write';

    async function followAll(firstPath: string): Promise<{ pages: Item[][]; links: Array<string | null> }> {
      const pages: Item[][] = [];
      const links: Array<string | null> = [];
      let url: string | null = `${hub().url}${firstPath}`;
      while (url) {
        const response: Response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
        pages.push((await response.json()) as Item[]);
        const link: string | null = response.headers.get('link');
        links.push(link);
        url = link ? (HFJS_LINK.exec(link)?.[1] ?? null) : null;
      }
      return { pages, links };
    }

    it('follows Link headers across pages without duplicates or omissions', async () => {
      const { pages, links } = await followAll('/api/spaces?author=user-01&limit=4&expand[]=sdk&expand=private');
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.slice(0, -1).every((page) => page.length === 4)).toBe(true);
      expect(links[links.length - 1]).toBeNull();
      for (const link of links.slice(0, -1)) {
        expect(link).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/spaces\?author=user-01&limit=4&expand\[\]=sdk&expand=private&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
        expect(HFJS_LINK.exec(link ?? '')?.[2]).toBe('next');
      }
      const paged = pages.flat().map((s) => s.id);
      const all = scenario.spaces.filter((s) => s.id.startsWith('user-01/')).map((s) => s.id);
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged).toEqual(all);
      expect(pages.flat().every((item) => Object.keys(item).join() === '_id,id,sdk,private')).toBe(true);
    });

    it('uses the scenario page size by default and as the largest limit', async () => {
      const { pages } = await followAll('/api/spaces?limit=500');
      expect(pages.map((page) => page.length).slice(0, -1)).toEqual(pages.slice(0, -1).map(() => 10));
      expect(pages.flat().length).toBeGreaterThan(20);
    });

    it('sends no Link when everything fits in one page', async () => {
      const res = await call(hub(), '/api/spaces?author=user-02&search=-00&limit=100', { token: 'bench-user-02-write' });
      expect((res.body as Item[]).length).toBe(9);
      expect(res.headers.get('link')).toBeNull();
    });

    it('refuses a tampered cursor with 400', async () => {
      const first = await call(hub(), '/api/spaces?limit=3', { token });
      const next = HFJS_LINK.exec(first.headers.get('link') ?? '')?.[1] ?? '';
      const cursor = new URL(next).searchParams.get('cursor') ?? '';
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: number };
      const forged = Buffer.from(JSON.stringify({ ...decoded, o: decoded.o + 1 })).toString('base64url');
      for (const bad of [forged, `${cursor.slice(0, -2)}xx`, 'bm9wZQ']) {
        const res = await call(hub(), `/api/spaces?limit=3&cursor=${bad}`, { token });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ error: 'Invalid cursor' });
      }
    });
  });
});

import express from 'express';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The original's list route (ssfun/hf-space-manager, server.js) as a
 * program of its own, for the `list` bench scenario: one Express app with its middleware in
 * its order (JSON and form body parsers, the static page directory), sessions in a Map, the
 * Spaces cached for 5 minutes after the sequential list + info read, and per request: the
 * session looked up, one console line, the cache copied without its tokens, private Spaces
 * dropped for visitors, and `res.json`. It runs as plain JavaScript in a process of its own
 * (list.ts transpiles it), so neither a TypeScript loader nor the benchmark shares its memory
 * or its event loop. Environment: PORT, HF_ENDPOINT, HF_USER, SHOW_PRIVATE.
 */

interface CachedSpace {
  repo_id: string;
  name: string;
  owner: string;
  username: string;
  url: string;
  status: string;
  last_modified: string;
  created_at: string;
  sdk: string;
  tags: string[];
  private: boolean;
  app_port: number | string;
  token: string | undefined;
}

interface HubItem {
  id: string;
  author?: string;
  lastModified?: string;
  createdAt?: string;
  sdk?: string;
  tags?: string[];
  private?: boolean;
  cardData?: { title?: string; app_port?: number };
  runtime?: { stage?: string };
}

const port = Number(process.env['PORT'] ?? 8080);
const hub = process.env['HF_ENDPOINT'] ?? 'https://huggingface.co';
const showPrivate = process.env['SHOW_PRIVATE'] === 'true';
const usernames: string[] = [];
const userTokenMapping: Record<string, string> = {};
for (const pair of (process.env['HF_USER'] ?? '').split(',')) {
  const [username = '', token = ''] = pair.split(':').map((part) => part.trim());
  if (!username) continue;
  usernames.push(username);
  if (token) userTokenMapping[username] = token;
}

const sessions = new Map<string, { username: string; expiresAt: number }>();

class SpaceCache {
  private spaces: Record<string, CachedSpace> = {};
  private lastUpdate: number | null = null;

  updateAll(spaces: CachedSpace[]): void {
    this.spaces = spaces.reduce((all, space) => ({ ...all, [space.repo_id]: space }), {} as Record<string, CachedSpace>);
    this.lastUpdate = Date.now();
  }

  getAll(): CachedSpace[] {
    return Object.values(this.spaces);
  }

  isExpired(expireMinutes = 5): boolean {
    return this.lastUpdate === null || Date.now() - this.lastUpdate > expireMinutes * 60 * 1000;
  }
}

const spaceCache = new SpaceCache();

/** One list call per account, then one info call per Space, each awaited before the next. */
async function readAll(): Promise<CachedSpace[]> {
  const all: CachedSpace[] = [];
  for (const username of usernames) {
    const token = userTokenMapping[username];
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    const list = (await (await fetch(`${hub}/api/spaces?author=${username}`, { headers })).json()) as HubItem[];
    for (const item of list) {
      const info = (await (await fetch(`${hub}/api/spaces/${item.id}`, { headers })).json()) as HubItem;
      const [, name = ''] = info.id.split('/');
      all.push({
        repo_id: info.id,
        name: info.cardData?.title || name,
        owner: info.author ?? username,
        username,
        url: `https://${info.author ?? username}-${name}.hf.space`,
        status: info.runtime?.stage || 'unknown',
        last_modified: info.lastModified || 'unknown',
        created_at: info.createdAt || 'unknown',
        sdk: info.sdk || 'unknown',
        tags: info.tags || [],
        private: info.private || false,
        app_port: info.cardData?.app_port || 'unknown',
        token,
      });
    }
  }
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

const publicDir = mkdtempSync(join(tmpdir(), 'original-public-'));
writeFileSync(join(publicDir, 'index.html'), '<!doctype html><title>HuggingFace 实例监控面板</title>');

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: true }));
app.use(express.static(publicDir));

app.get('/api/proxy/spaces', async (req, res) => {
  const authHeader = req.headers['authorization'];
  const sessionToken = authHeader?.startsWith('Bearer ') ? authHeader.split(' ')[1] : undefined;
  const session = sessionToken ? sessions.get(sessionToken) : undefined;
  const isAuthenticated = session !== undefined && session.expiresAt > Date.now();
  try {
    if (spaceCache.isExpired()) spaceCache.updateAll(await readAll());
    else console.log('从缓存获取 Spaces 数据');
    const safeSpaces = spaceCache
      .getAll()
      .map(({ token: _token, ...safeSpace }) => safeSpace)
      .filter((space) => isAuthenticated || showPrivate || !space.private);
    res.json(safeSpaces);
  } catch (error) {
    res.status(500).json({ error: '获取 spaces 列表失败', details: error instanceof Error ? error.message : String(error) });
  }
});

app.listen(port, '127.0.0.1', () => console.log(`Server running on port ${port}`));

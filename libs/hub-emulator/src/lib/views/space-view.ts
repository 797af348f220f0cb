import type { JsonObject, JsonValue } from '../http/json';
import type { SpaceRecord } from '../state/space-record';
import { runtimeView } from './runtime-view';

/** Values accepted by `expand` for Spaces (docs/hub-api.md §1.2: HFH's list plus xetEnabled and gitalyUid). */
export const EXPAND_KEYS = [
  'author',
  'cardData',
  'createdAt',
  'datasets',
  'disabled',
  'lastModified',
  'likes',
  'models',
  'private',
  'region',
  'resourceGroup',
  'runtime',
  'sdk',
  'sha',
  'siblings',
  'subdomain',
  'tags',
  'trendingScore',
  'usedStorage',
  'xetEnabled',
  'gitalyUid',
] as const;

export type ExpandKey = (typeof EXPAND_KEYS)[number];

export function isExpandKey(value: string): value is ExpandKey {
  return (EXPAND_KEYS as readonly string[]).includes(value);
}

const SIBLINGS: Readonly<Record<string, readonly string[]>> = {
  gradio: ['.gitattributes', 'README.md', 'app.py', 'requirements.txt'],
  docker: ['.gitattributes', 'Dockerfile', 'README.md', 'main.py', 'requirements.txt'],
  static: ['.gitattributes', 'README.md', 'index.html', 'style.css'],
};

/** The README front-matter as parsed by the Hub: known keys first, extra keys passed through. */
function cardData(space: SpaceRecord): JsonObject {
  const { title, emoji, colorFrom, colorTo, ...rest } = space.def.cardData;
  const card: JsonObject = {};
  if (title !== undefined) card['title'] = title;
  if (emoji !== undefined) card['emoji'] = emoji;
  if (colorFrom !== undefined) card['colorFrom'] = colorFrom;
  if (colorTo !== undefined) card['colorTo'] = colorTo;
  card['sdk'] = space.def.sdk;
  if (space.def.sdk === 'gradio') {
    card['sdk_version'] = rest.sdk_version ?? '5.9.1';
    card['app_file'] = rest.app_file ?? 'app.py';
  }
  card['pinned'] = rest.pinned ?? false;
  // Extra front-matter keys were parsed from JSON, so they are JSON values.
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && !(key in card)) card[key] = value as JsonValue;
  }
  if (space.def.tags.length > 0) card['tags'] = [...space.def.tags];
  return card;
}

function tags(space: SpaceRecord): string[] {
  return [space.def.sdk, ...space.def.tags, 'region:us'];
}

/** Each key's value, or undefined when the Space has none (then the key is left out). */
const FIELDS: Readonly<Record<ExpandKey, (space: SpaceRecord) => JsonValue | undefined>> = {
  author: (s) => s.owner,
  cardData,
  createdAt: (s) => s.def.createdAt,
  datasets: (s) => (s.def.datasets.length > 0 ? [...s.def.datasets] : undefined),
  disabled: () => false,
  lastModified: (s) => s.lastModified,
  likes: (s) => s.def.likes,
  models: (s) => (s.def.models.length > 0 ? [...s.def.models] : undefined),
  private: (s) => s.def.private,
  region: () => 'us',
  resourceGroup: () => undefined,
  runtime: runtimeView,
  sdk: (s) => s.def.sdk,
  sha: (s) => s.sha,
  siblings: (s) => (SIBLINGS[s.def.sdk] ?? []).map((rfilename) => ({ rfilename })),
  subdomain: (s) => s.subdomain,
  tags,
  trendingScore: (s) => s.def.trendingScore,
  usedStorage: (s) => s.usedStorage,
  xetEnabled: () => false,
  gitalyUid: () => undefined,
};

function pick(space: SpaceRecord, keys: readonly (ExpandKey | 'host' | 'gated')[]): JsonObject {
  const out: JsonObject = { _id: space.objectId, id: space.id };
  for (const key of keys) {
    const value =
      key === 'host'
        ? `https://${space.subdomain}.${space.isStatic ? 'static.hf.space' : 'hf.space'}`
        : key === 'gated'
          ? false
          : FIELDS[key](space);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** A `/api/spaces` item without `expand` (docs/hub-api.md §1.1, inferred field set). */
export function listItemView(space: SpaceRecord, full: boolean): JsonObject {
  const base = pick(space, ['likes', 'trendingScore', 'private', 'sdk', 'tags', 'createdAt']);
  if (!full) return base;
  // `full=true` adds "most data" (HFH docstring); runtime is inferred from HFJS's type comment.
  return { ...base, ...pick(space, ['author', 'sha', 'lastModified', 'subdomain', 'cardData', 'siblings', 'runtime']) };
}

/** `GET /api/spaces/{id}` without `expand`, in the order of docs/hub-api.md §2's realistic example. */
export function infoView(space: SpaceRecord): JsonObject {
  return pick(space, [
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
    'datasets',
    'runtime',
    'usedStorage',
    'trendingScore',
  ]);
}

/** With `expand`: only `_id`, `id` and the requested keys that have a value (docs/hub-api.md §1.2). */
export function expandedView(space: SpaceRecord, keys: readonly ExpandKey[]): JsonObject {
  return pick(space, keys);
}

import type {
  HubCardData,
  HubDomain,
  HubFineGrainedScope,
  HubGpuSample,
  HubHardware,
  HubLogLine,
  HubMetricEvent,
  HubOrg,
  HubReplicas,
  HubRuntime,
  HubSpace,
  HubWhoAmI,
} from './hf-api.types';

/**
 * From the Hub's JSON to our types, tolerantly: unknown fields are dropped, a known field
 * of the wrong type is dropped too (one odd field must not hide a Space), and only a value
 * missing what identifies it (a Space without `id`, a runtime without `stage`) is rejected.
 * Stream events are stricter: a metric with a non-numeric CPU value is malformed as a whole.
 */

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function strOrNull(value: unknown): string | null | undefined {
  return value === null ? null : str(value);
}

function numOrNull(value: unknown): number | null | undefined {
  return value === null ? null : num(value);
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Drops keys whose value is undefined, so results compare and serialise cleanly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

function parseHardware(value: unknown): HubHardware | undefined {
  if (!isRecord(value)) return undefined;
  return compact({
    current: strOrNull(value['current']) ?? null,
    requested: strOrNull(value['requested']) ?? null,
    currentPrettyName: str(value['currentPrettyName']),
    requestedPrettyName: str(value['requestedPrettyName']),
  });
}

function parseReplicas(value: unknown): HubReplicas | undefined {
  if (!isRecord(value)) return undefined;
  const requested: HubReplicas['requested'] = value['requested'] === 'auto' ? 'auto' : num(value['requested']);
  return compact({ current: numOrNull(value['current']), requested });
}

function parseDomains(value: unknown): HubDomain[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item): HubDomain[] => {
    if (!isRecord(item) || typeof item['domain'] !== 'string') return [];
    const isCustom = item['isCustom'];
    return [compact({ domain: item['domain'], isCustom: isCustom === null ? null : bool(isCustom), stage: str(item['stage']) })];
  });
}

export function parseHubRuntime(value: unknown): HubRuntime | undefined {
  if (!isRecord(value) || typeof value['stage'] !== 'string') return undefined;
  return compact({
    stage: value['stage'],
    hardware: parseHardware(value['hardware']),
    storage: strOrNull(value['storage']),
    gcTimeout: numOrNull(value['gcTimeout']),
    replicas: parseReplicas(value['replicas']),
    devMode: bool(value['devMode']),
    domains: parseDomains(value['domains']),
    sha: str(value['sha']),
    errorMessage: str(value['errorMessage']),
  });
}

function parseCardData(value: unknown): HubCardData | undefined {
  if (!isRecord(value)) return undefined;
  return compact({
    title: str(value['title']),
    emoji: str(value['emoji']),
    colorFrom: str(value['colorFrom']),
    colorTo: str(value['colorTo']),
    sdk: str(value['sdk']),
    sdk_version: str(value['sdk_version']),
    app_file: str(value['app_file']),
    app_port: num(value['app_port']),
    short_description: str(value['short_description']),
    license: str(value['license']),
    pinned: bool(value['pinned']),
    tags: strings(value['tags']),
    models: strings(value['models']),
    datasets: strings(value['datasets']),
  });
}

function parseGated(value: unknown): HubSpace['gated'] {
  return value === false || value === 'auto' || value === 'manual' ? value : undefined;
}

export function parseHubSpace(value: unknown): HubSpace | undefined {
  if (!isRecord(value) || typeof value['id'] !== 'string') return undefined;
  return compact({
    id: value['id'],
    _id: str(value['_id']),
    author: str(value['author']),
    sha: str(value['sha']),
    lastModified: str(value['lastModified']),
    createdAt: str(value['createdAt']),
    private: bool(value['private']),
    gated: parseGated(value['gated']),
    disabled: bool(value['disabled']),
    subdomain: str(value['subdomain']),
    host: str(value['host']),
    likes: num(value['likes']),
    sdk: str(value['sdk']),
    tags: strings(value['tags']),
    models: strings(value['models']),
    datasets: strings(value['datasets']),
    cardData: parseCardData(value['cardData']),
    runtime: parseHubRuntime(value['runtime']),
    usedStorage: num(value['usedStorage']),
    trendingScore: num(value['trendingScore']),
    region: str(value['region']),
  });
}

function parseOrg(value: unknown): HubOrg[] {
  if (!isRecord(value) || typeof value['name'] !== 'string') return [];
  return [
    compact({
      type: str(value['type']),
      id: str(value['id']),
      name: value['name'],
      fullname: str(value['fullname']),
      avatarUrl: str(value['avatarUrl']),
      isEnterprise: bool(value['isEnterprise']),
      roleInOrg: str(value['roleInOrg']),
    }),
  ];
}

function parseScope(value: unknown): HubFineGrainedScope[] {
  if (!isRecord(value) || !isRecord(value['entity'])) return [];
  const entity = value['entity'];
  return [
    {
      entity: compact({ _id: str(entity['_id']), type: str(entity['type']), name: str(entity['name']) }),
      permissions: strings(value['permissions']) ?? [],
    },
  ];
}

function parseAuth(value: unknown): HubWhoAmI['auth'] {
  if (!isRecord(value)) return undefined;
  const token = value['accessToken'];
  const fineGrained = isRecord(token) ? token['fineGrained'] : undefined;
  return compact({
    type: str(value['type']),
    expiresAt: str(value['expiresAt']),
    accessToken: isRecord(token)
      ? compact({
          displayName: str(token['displayName']),
          role: str(token['role']),
          createdAt: str(token['createdAt']),
          fineGrained: isRecord(fineGrained)
            ? compact({
                scoped: Array.isArray(fineGrained['scoped']) ? fineGrained['scoped'].flatMap(parseScope) : [],
                global: strings(fineGrained['global']),
              })
            : undefined,
        })
      : undefined,
  });
}

export function parseHubWhoAmI(value: unknown): HubWhoAmI | undefined {
  if (!isRecord(value) || typeof value['name'] !== 'string') return undefined;
  return compact({
    type: str(value['type']),
    id: str(value['id']),
    name: value['name'],
    fullname: str(value['fullname']),
    email: str(value['email']),
    emailVerified: bool(value['emailVerified']),
    isPro: bool(value['isPro']),
    canPay: bool(value['canPay']),
    avatarUrl: str(value['avatarUrl']),
    orgs: Array.isArray(value['orgs']) ? value['orgs'].flatMap(parseOrg) : [],
    auth: parseAuth(value['auth']),
  });
}

const METRIC_NUMBERS = ['cpu_usage_pct', 'cpu_millicores', 'memory_used_bytes', 'memory_total_bytes', 'rx_bps', 'tx_bps'] as const;
const GPU_NUMBERS = ['utilization', 'memory_used_bytes', 'memory_total_bytes'] as const;

/** A numeric field that is present must be a finite number; otherwise the whole sample is malformed. */
function pickNumbers<K extends string>(source: Json, keys: readonly K[]): Partial<Record<K, number>> | undefined {
  const picked: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    const parsed = num(value);
    if (parsed === undefined) return undefined;
    picked[key] = parsed;
  }
  return picked;
}

function parseGpus(value: unknown): Record<string, HubGpuSample> | undefined | 'malformed' {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return 'malformed';
  const gpus: Record<string, HubGpuSample> = {};
  for (const [id, sample] of Object.entries(value)) {
    const parsed = isRecord(sample) ? pickNumbers(sample, GPU_NUMBERS) : undefined;
    if (parsed === undefined) return 'malformed';
    gpus[id] = parsed;
  }
  return gpus;
}

/** Undefined when the sample is malformed (not an object, or a known field of the wrong type). */
export function parseHubMetricEvent(value: unknown): HubMetricEvent | undefined {
  if (!isRecord(value)) return undefined;
  const numbers = pickNumbers(value, METRIC_NUMBERS);
  const gpus = parseGpus(value['gpus']);
  const replica = value['replica'];
  if (numbers === undefined || gpus === 'malformed' || (replica !== undefined && typeof replica !== 'string')) return undefined;
  return compact({ ...numbers, gpus, replica });
}

/** Undefined when the event is not a `{data, timestamp?}` object. */
export function parseHubLogLine(value: unknown): HubLogLine | undefined {
  if (!isRecord(value) || typeof value['data'] !== 'string') return undefined;
  return compact({ data: value['data'], timestamp: str(value['timestamp']) });
}

import { httpRequest } from '@hfd/test-support';

/**
 * The unlabelled series of a Prometheus text exposition, by name (labelled series are
 * summed under their bare name, e.g. every `hfd_hub_requests_total{…}`).
 */
export function parsePrometheus(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[3]);
    if (!Number.isFinite(value)) continue;
    values.set(match[1], (values.get(match[1]) ?? 0) + value);
  }
  return values;
}

/** Scrapes the server's `/metrics` once. Not during a measurement window: a scrape costs the server work. */
export async function scrape(serverUrl: string): Promise<Map<string, number>> {
  const reply = await httpRequest(`${serverUrl}/metrics`, { timeoutMs: 30_000 });
  if (reply.status !== 200) throw new Error(`GET /metrics answered ${reply.status}`);
  return parsePrometheus(reply.text);
}

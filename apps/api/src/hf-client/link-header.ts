/**
 * The `rel="next"` target of a `Link` header (RFC 8288), as the Hub sends it for paging:
 * `<https://huggingface.co/api/spaces?…&cursor=…>; rel="next"`. Tolerates several links,
 * unquoted or multi-valued `rel`, and any spacing; undefined on the last page.
 */
export function parseNextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const params = match[2];
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('next')) return match[1];
  }
  return undefined;
}

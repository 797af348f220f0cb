/** Longest Hub message we keep: enough for any real reason, not enough to carry a page of HTML. */
const MAX_MESSAGE_CHARS = 500;

/**
 * The Hub's reason for an error, from its body or headers (docs/hub-api.md §0.5, §11), as
 * huggingface_hub and huggingface.js read it. The body may hold `{"error": "..."}`,
 * `{"error": ["a", "b"]}`, `{"errors": [{"message": ...}]}`, `{"message": ...}` or an OAuth
 * `{"error", "error_description"}`; CDN and 5xx pages are HTML, which is ignored; any other
 * text is taken as it is. `X-Error-Message` is the fallback.
 */
export function extractHubMessage(body: string, headers: Headers): string | undefined {
  const fromBody = messageFromBody(body.trim());
  const message = fromBody ?? headers.get('x-error-message')?.trim();
  return message ? message.slice(0, MAX_MESSAGE_CHARS) : undefined;
}

function messageFromBody(body: string): string | undefined {
  if (body === '' || body.startsWith('<')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body;
  }
  if (typeof json !== 'object' || json === null) return typeof json === 'string' ? json : undefined;
  const record = json as Record<string, unknown>;
  const parts = [...texts(record['error']), ...texts(record['errors']), ...(record['error'] === undefined ? texts(record['message']) : [])];
  const description = typeof record['error_description'] === 'string' ? record['error_description'] : undefined;
  if (parts.length === 0) return description;
  const joined = parts.join('\n');
  return description ? `${joined}: ${description}` : joined;
}

/** A string, a list of strings, or a list of `{message}` objects. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    if (typeof item === 'object' && item !== null && typeof (item as { message?: unknown }).message === 'string') {
      return [(item as { message: string }).message];
    }
    return [];
  });
}

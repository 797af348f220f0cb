import Negotiator from 'negotiator';
import type { IncomingMessage, ServerResponse } from 'node:http';
import vary from 'vary';
import { expressSpellings } from '../common/http/express-path';
import { LIST_ENCODINGS, type ListBody, type ListEncoding } from './list-body';

const OFFERED = [...LIST_ENCODINGS, 'identity'];

/** `SpacesController.list` as Express routes it: the global prefix, the version, the controller's path. */
export const LIST_PATH = '/api/v1/spaces';

/** The request paths answered by `sendListBody` (Express's spellings of LIST_PATH), which the compression middleware must leave alone. */
export const SELF_ENCODED_PATH = expressSpellings(LIST_PATH);

/**
 * Whether `If-None-Match` names `etag` (RFC 9110 §13.1.2: `*`, or any listed tag by weak
 * comparison). Not Express's `request.fresh`: it answers 200 to any request carrying
 * `Cache-Control: no-cache`, which `fetch` adds by itself to every request a script sends
 * with If-None-Match, so a script could never revalidate.
 */
export function namesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const ours = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === ours);
}

/** What the client accepts, br first when it accepts several equally (the smallest). */
function negotiate(request: IncomingMessage): ListEncoding | 'identity' {
  const chosen = new Negotiator(request).encoding(OFFERED, { preferred: OFFERED });
  return (LIST_ENCODINGS as readonly string[]).includes(chosen ?? '') ? (chosen as ListEncoding) : 'identity';
}

/**
 * Writes a list body: 304 when the client's `If-None-Match` names its ETag, otherwise the body
 * in the encoding the client prefers, kept compressed. Private to the browser (the answer
 * depends on the session) and revalidated on every use. Node's own request and response, not
 * Express's: the direct route (direct-list-route.ts) answers without Express.
 */
export async function sendListBody(request: IncomingMessage, response: ServerResponse, body: ListBody, now = Date.now()): Promise<void> {
  response.setHeader('Cache-Control', 'private, no-cache');
  // Added to what is there already (CORS varies by Origin).
  vary(response, 'Accept-Encoding');
  vary(response, 'Authorization');
  response.setHeader('ETag', body.etag);
  response.setHeader('Age', String(Math.max(0, Math.floor((now - body.generatedAt) / 1000))));
  if (namesEtag(request.headers['if-none-match'], body.etag)) {
    response.statusCode = 304;
    response.end();
    return;
  }
  const wanted = negotiate(request);
  // Compression cannot fail on a buffer in practice; were it to, the body goes as it is.
  const encoded = wanted === 'identity' ? null : await body.encode(wanted).catch(() => null);
  const payload = encoded ?? body.identity;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (encoded !== null) response.setHeader('Content-Encoding', wanted);
  response.setHeader('Content-Length', payload.length);
  response.end(payload);
}

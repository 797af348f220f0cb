import { createHmac, randomBytes } from 'node:crypto';
import { badRequest } from '../http/hub-error';

/**
 * Opaque `cursor` values for the `Link` next URL: base64url JSON holding the offset
 * and a MAC, so a cursor a client edits is refused with 400 instead of paging wrongly.
 */
export class CursorCodec {
  private readonly secret = randomBytes(16);

  encode(offset: number): string {
    return Buffer.from(JSON.stringify({ o: offset, m: this.mac(offset) })).toString('base64url');
  }

  decode(cursor: string): number {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw badRequest('Invalid cursor');
    }
    if (typeof parsed !== 'object' || parsed === null) throw badRequest('Invalid cursor');
    const { o, m } = parsed as { o?: unknown; m?: unknown };
    if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0 || m !== this.mac(o)) {
      throw badRequest('Invalid cursor');
    }
    return o;
  }

  private mac(offset: number): string {
    return createHmac('sha256', this.secret).update(String(offset)).digest('base64url').slice(0, 22);
  }
}

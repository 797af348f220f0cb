import type { SpacesListResponse } from '@hfd/contracts';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The encodings a list body is kept in besides itself, in the order the server prefers them. */
export const LIST_ENCODINGS = ['br', 'gzip'] as const;
export type ListEncoding = (typeof LIST_ENCODINGS)[number];

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const compressors: Record<ListEncoding, (input: Buffer) => Promise<Buffer>> = {
  // Middling levels: a body is compressed at most once per inventory state and view, but the
  // state changes several times per refresh (each account lands on its own), and quality 11
  // of a 200-Space list costs tens of milliseconds of a core for a few per cent.
  br: (input) =>
    brotliAsync(input, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: input.length },
    }),
  gzip: (input) => gzipAsync(input, { level: 6 }),
};

/**
 * One list answer, serialised once for every reader of one view at one state of the inventory,
 * and compressed once per encoding the first time a reader asks for it (off the event loop,
 * shared by every reader who asks meanwhile).
 *
 * The age fields and the validator: the same bytes are served for as long as the state lasts,
 * so `ageMs` is the data's age at `generatedAt`, and each answer's `Age` header says how long ago
 * that was (the standard header for exactly this: RFC 9111 §5.1), which keeps the reported age
 * true to the second without re-serialising per reader. The ETag is a hash of everything but
 * those two fields (the data and when it was fetched included): answers that differ only in
 * when they were generated are the same data (hence weak), and two processes holding the same
 * data give the same tag.
 */
export class ListBody {
  private readonly encoded = new Map<ListEncoding, Promise<Buffer>>();

  private constructor(
    readonly etag: string,
    readonly generatedAt: number,
    readonly identity: Buffer,
  ) {}

  static of(list: SpacesListResponse): ListBody {
    const { generatedAt, ageMs, ...content } = list;
    const contentJson = JSON.stringify(content);
    const etag = `W/"${createHash('sha1').update(contentJson).digest('base64url')}"`;
    // The content has keys, so it ends with `}` and the two fields join it after a comma.
    const json = `${contentJson.slice(0, -1)},"generatedAt":${JSON.stringify(generatedAt)},"ageMs":${JSON.stringify(ageMs)}}`;
    return new ListBody(etag, Date.parse(generatedAt), Buffer.from(json));
  }

  /** The body in `encoding`; a failure is not kept, so the next reader tries again. */
  encode(encoding: ListEncoding): Promise<Buffer> {
    let encoded = this.encoded.get(encoding);
    if (encoded === undefined) {
      encoded = compressors[encoding](this.identity);
      this.encoded.set(encoding, encoded);
      encoded.catch(() => this.encoded.delete(encoding));
    }
    return encoded;
  }
}

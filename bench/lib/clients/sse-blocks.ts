/** One Server-Sent Events block, reduced to what the benchmark clients look at. */
export interface SseBlock {
  /** `event:` field; `message` when absent; `comment` for a block of comments only. */
  event: string;
  /** The `data:` line (the server sends single-line JSON), or null. */
  data: string | null;
}

/**
 * Splits a growing SSE text into complete blocks (each ends with a blank line) and keeps
 * the incomplete tail. Deliberately minimal: the server under test sends `event:`, `id:`
 * and one `data:` line per event, `\n` line ends, and `: comment` heartbeats; a client
 * this cheap keeps the load generator from being what is measured.
 */
export class SseBlockReader {
  private rest = '';

  push(chunk: string, onBlock: (block: SseBlock) => void): void {
    let text = this.rest === '' ? chunk : this.rest + chunk;
    let end = text.indexOf('\n\n');
    while (end !== -1) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      if (block.trim() !== '') onBlock(parseBlock(block));
      end = text.indexOf('\n\n');
    }
    this.rest = text;
  }
}

export function parseBlock(block: string): SseBlock {
  let event: string | null = null;
  let data: string | null = null;
  let onlyComments = true;
  for (const line of block.split('\n')) {
    if (line === '') continue;
    if (line.startsWith(':')) continue;
    onlyComments = false;
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data = data === null ? line.slice(6) : `${data}\n${line.slice(6)}`;
  }
  return { event: onlyComments ? 'comment' : (event ?? 'message'), data };
}

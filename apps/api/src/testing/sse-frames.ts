/** One event of a stream's bytes, as an EventSource would read it (comments kept, for the heartbeat). */
export interface ReadEvent {
  type?: string;
  data?: string;
  comment?: string;
}

/** The events in `bytes`, whole ones only: what follows the last blank line is not an event yet. */
export function readEvents(bytes: Buffer | readonly Buffer[] | string): ReadEvent[] {
  const text = typeof bytes === 'string' ? bytes : Buffer.isBuffer(bytes) ? bytes.toString('utf8') : Buffer.concat(bytes).toString('utf8');
  const blocks = text.split(/\r\n\r\n|\n\n|\r\r/);
  blocks.pop();
  return blocks
    .filter((block) => block.length > 0)
    .map((block) => {
      const event: ReadEvent = {};
      for (const line of block.split(/\r\n|\n|\r/)) {
        const colon = line.indexOf(':');
        const [field, value] = colon === -1 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
        if (field === '') event.comment = event.comment === undefined ? value : `${event.comment}\n${value}`;
        else if (field === 'event') event.type = value;
        else if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
      }
      return event;
    });
}

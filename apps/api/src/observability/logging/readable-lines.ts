import type { DestinationStream } from 'pino';
import type { MessageFormatFunc } from 'pino-pretty';

/**
 * A log line with `{ [ATTENTION]: true }` is one the operator must not miss (the generated
 * password): readable lines frame it. JSON lines carry the field as it is.
 */
export const ATTENTION = 'attention';

const RULE = '━'.repeat(72);

/**
 * Control characters in logged text (a Hub error message, say) would reach the terminal raw
 * once the JSON escaping is undone, and ESC or CR sequences can rewrite what a person sees.
 * Line feeds and tabs stay: stacks and multi-line messages need them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The line as an object with its text defused. A request line of a 5xx carries pino-http's
 * own `failed with status code 500` error, stack included: the status already says it, and the
 * error filter logs the real one, so it is left out.
 */
function readableRecord(line: string): unknown {
  let record: unknown;
  try {
    record = JSON.parse(line, (_key, value: unknown) => (typeof value === 'string' ? value.replace(TERMINAL_CONTROL, '\ufffd') : value));
  } catch {
    return line.replace(TERMINAL_CONTROL, '\ufffd');
  }
  if (typeof record !== 'object' || record === null || !('req' in record && 'res' in record)) return record;
  const { err: _synthetic, ...rest } = record as Record<string, unknown>;
  return rest;
}

interface RequestFields {
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/** `[Context] message`, a request as `GET /path 200 12 ms`, and framed lines that need attention. */
const messageFormat: MessageFormatFunc = (log, messageKey, _level, { colors }) => {
  const message = String(log[messageKey] ?? '');
  const { req, res, responseTime } = log as RequestFields;
  if (req?.method !== undefined && res?.statusCode !== undefined) {
    return `${req.method} ${req.url ?? ''} ${res.statusCode} ${responseTime ?? '?'} ms${message === 'request completed' ? '' : ` (${message})`}`;
  }
  const context = typeof log['context'] === 'string' ? `${colors.cyan(`[${log['context']}]`)} ` : '';
  if (log[ATTENTION] !== true) return `${context}${message}`;
  return `${context}\n${colors.bold(colors.yellow(`${RULE}\n  ${message}\n${RULE}`))}`;
};

/**
 * Readable lines for a person at a terminal, written to `destination`. pino hands each line
 * over as JSON, after the secret scrubber, and it is reformatted here, in the same thread,
 * so no line is lost on exit and none escapes the scrubber. pino-pretty is loaded only then:
 * it costs about 10 MB of memory that a server logging JSON does not need.
 */
export async function readableDestination(destination: DestinationStream, colorize: boolean): Promise<DestinationStream> {
  const { isColorSupported, prettyFactory } = await import('pino-pretty');
  const format = prettyFactory({
    colorize: colorize && isColorSupported,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: `pid,hostname,context,req,res,responseTime,${ATTENTION}`,
    messageFormat,
  });
  return { write: (line: string) => destination.write(format(readableRecord(line))) };
}

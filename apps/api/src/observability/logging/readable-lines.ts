import type { DestinationStream } from 'pino';
import type { MessageFormatFunc } from 'pino-pretty';

/**
 * A log line with `{ [ATTENTION]: true }` is one the operator must not miss (the generated
 * password): readable lines frame it. JSON lines carry the field as it is.
 */
export const ATTENTION = 'attention';

const RULE = '━'.repeat(72);

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
  return { write: (line: string) => destination.write(format(line)) };
}

import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server, ServerResponse } from 'node:http';

/** `docker stop` sends SIGTERM, Ctrl+C SIGINT. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** Time left to requests in flight after a stop signal: `docker stop` kills after 10 s. */
const DRAIN_TIMEOUT_MS = 7000;

function isEventStream(response: ServerResponse): boolean {
  const type = response.getHeader('Content-Type');
  return typeof type === 'string' && type.startsWith('text/event-stream');
}

/**
 * Stopping without dropping work. Nest's shutdown hooks would destroy every connection at
 * once (requests in flight too, since forceCloseConnections is on for the event streams)
 * and end the process killed by the signal. Instead: stop accepting connections, close the
 * event streams (they never end by themselves; their clients reconnect elsewhere), let the
 * other requests finish for up to DRAIN_TIMEOUT_MS, then close the application (running
 * every module's shutdown hook) and exit with 0. A second signal ends the process at once.
 */
export function stopGracefullyOn(app: NestExpressApplication, signals: readonly NodeJS.Signals[] = STOP_SIGNALS): void {
  const server: Server = app.getHttpServer();
  const open = new Set<ServerResponse>();
  const track = (response: ServerResponse) => {
    open.add(response);
    response.once('close', () => open.delete(response));
  };
  server.on('request', (_request, response: ServerResponse) => {
    // A response waiting behind others on its connection (HTTP pipelining) has no socket yet,
    // and emits no 'close' if the connection ends before its turn: it is counted from its turn on.
    if (response.socket === null) response.once('socket', () => track(response));
    else track(response);
  });
  const busy = () => [...open].filter((response) => !isEventStream(response)).length;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const logger = new Logger('Shutdown');
    logger.log(`${signal}: refusing new connections, finishing ${busy()} request(s) in flight`);
    server.close();
    for (const response of open) if (isEventStream(response)) response.destroy();
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    const poll = setInterval(() => {
      if (busy() > 0 && Date.now() < deadline) return;
      clearInterval(poll);
      if (busy() > 0) logger.warn(`${busy()} request(s) still in flight after ${DRAIN_TIMEOUT_MS} ms: closing them`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
    }, 50);
  };
  // `once`: a second signal finds no handler and ends the process at once.
  for (const signal of signals) process.once(signal, stop);
}

import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server, ServerResponse } from 'node:http';
import { createApp } from './app/create-app';
import { AppConfigService } from './config/app-config.service';
import { ConfigValidationError } from './config/env.schema';

/** `docker stop` sends SIGTERM, Ctrl+C SIGINT. */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** Time left to requests in flight after a stop signal: `docker stop` kills after 10 s. */
const DRAIN_TIMEOUT_MS = 7000;

/** The same test configure-app.ts uses to keep event streams uncompressed. */
function isEventStream(response: ServerResponse): boolean {
  const type = response.getHeader('Content-Type');
  return typeof type === 'string' && type.startsWith('text/event-stream');
}

/**
 * Stopping without dropping work. Nest's own handler (enableShutdownHooks in configure-app.ts)
 * destroys every connection at once — requests in flight too, since forceCloseConnections is
 * on for the sake of the event streams — and then re-raises the signal, so the process ends
 * "killed by SIGTERM" (exit status 143). Here: stop accepting connections, close the event
 * streams (they never end by themselves; their clients reconnect), let the other requests
 * finish for up to DRAIN_TIMEOUT_MS, then run Nest's shutdown hooks and exit with 0.
 */
function gracefulStop(app: NestExpressApplication): (signal: NodeJS.Signals) => void {
  const server: Server = app.getHttpServer();
  const open = new Set<ServerResponse>();
  server.on('request', (_request, response: ServerResponse) => {
    open.add(response);
    response.once('close', () => open.delete(response));
  });
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    const logger = new Logger('Shutdown');
    logger.log(`${signal}: refusing new connections, finishing ${[...open].filter((r) => !isEventStream(r)).length} request(s) in flight`);
    server.close();
    for (const response of open) if (isEventStream(response)) response.destroy();
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    const poll = setInterval(() => {
      const busy = [...open].filter((response) => !isEventStream(response)).length;
      if (busy > 0 && Date.now() < deadline) return;
      clearInterval(poll);
      if (busy > 0) logger.warn(`${busy} request(s) still in flight after ${DRAIN_TIMEOUT_MS} ms: closing them`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
    }, 50);
  };
}

async function bootstrap(): Promise<void> {
  const before = new Map(STOP_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const app = await createApp();
  // Take SIGTERM and SIGINT over from the handler Nest installed in createApp (see gracefulStop).
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)?.includes(listener)) process.off(signal, listener);
  }
  const config = app.get(AppConfigService);
  await app.listen(config.get('PORT'), config.get('HOST'));
  const stop = gracefulStop(app);
  // `once`: a second Ctrl+C finds no handler and ends the process at once.
  for (const signal of STOP_SIGNALS) process.once(signal, stop);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    // One line, then stop: the operator fixes the variable it names.
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});

import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfigService } from '../../config/app-config.service';
import { HubTarget } from '../../hub-target/hub-target';
import { createSecretScrubber, createUrlRedactor } from './log-redaction';
import { readableDestination } from './readable-lines';

/** A client-supplied request id is kept only when it is short and plain. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function requestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/** Health checks come every few seconds from Docker: logging each would drown the rest. */
const QUIET_PATHS = new Set(['/api/v1/health']);

interface ExpressRouter {
  stack: { route?: { path: string } }[];
}

/**
 * The application's routes as Express matches them, to find the parameters that hold secrets;
 * read again only when the router changes (routes are added while the application starts).
 */
function routePaths(adapter: HttpAdapterHost): () => readonly string[] {
  let layers = -1;
  let paths: readonly string[] = [];
  return () => {
    const stack = (adapter.httpAdapter?.getInstance() as { router?: ExpressRouter } | undefined)?.router?.stack ?? [];
    if (stack.length !== layers) {
      layers = stack.length;
      paths = stack.flatMap((layer) => (layer.route ? [layer.route.path] : []));
    }
    return paths;
  };
}

/**
 * Requests that get no request logger at all: the Space list, which every open dashboard and
 * script polls and which is served from a buffer kept in memory. The request logger (a request
 * id, a child logger, the context that follows the request) was a third of such a request's
 * cost; its access line says nothing a proxy's log does not. An error there is still logged,
 * by the exception filter.
 */
const UNLOGGED_ROUTES = [{ path: 'spaces', method: RequestMethod.GET, version: '1' }];

@Module({})
export class LoggingModule {
  /**
   * Logs with request ids: JSON lines, or readable lines at a terminal (`LOG_FORMAT`).
   * `destination` lets tests read every line.
   */
  static forRoot(destination: DestinationStream = process.stdout): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfigService, HubTarget, HttpAdapterHost],
          useFactory: async (config: AppConfigService, hub: HubTarget, adapter: HttpAdapterHost) => {
            const secrets = [
              ...hub.accounts.flatMap((account) => (account.token ? [account.token] : [])),
              config.get('API_KEY'),
              config.get('JWT_SECRET'),
              config.get('USER_PASSWORD'),
              config.get('OIDC_CLIENT_SECRET'),
            ].filter((secret): secret is string => secret !== undefined);
            const scrub = createSecretScrubber(secrets);
            const redactUrl = createUrlRedactor(routePaths(adapter));
            const format = config.get('LOG_FORMAT');
            const toTerminal = (destination as { isTTY?: boolean }).isTTY === true;
            return {
              // Named wildcard: the path syntax of Express 5 (a bare `*` is deprecated).
              forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
              exclude: UNLOGGED_ROUTES,
              pinoHttp: [
                {
                  level: config.get('LOG_LEVEL'),
                  genReqId: requestId,
                  autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(req.url ?? '') },
                  // Authorization headers never reach a log line: only the method, path and id do.
                  serializers: {
                    req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
                    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                  },
                  customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
                    error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
                  // Applied to the JSON line, so a readable line is made of scrubbed text too.
                  hooks: { streamWrite: scrub },
                },
                format === 'pretty' || (format === undefined && toTerminal) ? await readableDestination(destination, toTerminal) : destination,
              ],
            };
          },
        }),
      ],
    };
  }
}

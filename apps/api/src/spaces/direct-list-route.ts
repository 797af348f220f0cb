import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import vary from 'vary';
import { AuthGuard } from '../auth/auth.guard';
import { AUTH_RULE, type AuthRule } from '../common/decorators/auth.decorator';
import { interpose } from '../common/http/interpose';
import { securityHeaders } from '../common/http/security-headers';
import { AppConfigService } from '../config/app-config.service';
import type { ListBody } from './list-body';
import { LIST_PATH, sendListBody } from './list-response';
import { SpacesController } from './spaces.controller';
import { SpacesService } from './spaces.service';

/**
 * `GET /api/v1/spaces`, the route every open dashboard and script polls, answered by Node's
 * server before Express sees the request. The answer itself is a buffer kept per inventory
 * state and view (list-bodies.ts); what stood in front of it, Express's router and middleware
 * chain and Nest's guard and parameter pipeline, cost several times the writing of that buffer
 * (docs/performance.md, "The list, ahead of Express").
 *
 * It answers as `SpacesController.list` would, which stays the route's declaration (its `@Auth`
 * rule, its OpenAPI entry) and its answer whenever this one steps aside: the rule is read from
 * that method and applied by the same AuthGuard, the security headers are the same helmet
 * policy, and the body, validators and encodings come from the same `sendListBody`. It steps
 * aside, to Express and the controller, for anything out of the ordinary:
 * - a request that is not its connection's turn yet (pipelined), or of a closed connection:
 *   the pipelining guard behind this decides what becomes of it;
 * - another method (HEAD), or another spelling of the path (a trailing slash, capitals);
 * - a cross-origin request (CORS), a trusted proxy's `Remote-User` (Express knows which
 *   addresses are trusted), a request with a body;
 * - a refusal or a failure, which the exception filter answers as on every route.
 */
@Injectable()
export class DirectListRoute implements OnApplicationBootstrap {
  private readonly rule: AuthRule;
  private readonly headers = securityHeaders();
  /** The CORS middleware marks every answer `Vary: Origin` when origins are configured. */
  private readonly corsOn: boolean;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly spaces: SpacesService,
    private readonly guard: AuthGuard,
    reflector: Reflector,
    config: AppConfigService,
  ) {
    const rule = reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE, [SpacesController.prototype.list, SpacesController]);
    if (rule === undefined) throw new Error('SpacesController.list declares no @Auth rule');
    this.rule = rule;
    this.corsOn = config.get('CORS_ORIGINS').length > 0;
  }

  /** At bootstrap, once configure-app.ts has put the pipelining guard in front of Express. */
  onApplicationBootstrap(): void {
    interpose(this.adapterHost.httpAdapter.getHttpServer(), (request, response, application) => {
      if (this.takes(request, response)) void this.answer(request, response, () => application(request, response));
      else application(request, response);
    });
  }

  private takes(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url ?? '';
    const headers = request.headers;
    return (
      request.method === 'GET' &&
      (url === LIST_PATH || url.startsWith(`${LIST_PATH}?`)) &&
      response.socket !== null &&
      !request.socket.destroyed &&
      headers.origin === undefined &&
      headers['remote-user'] === undefined &&
      headers['content-length'] === undefined &&
      headers['transfer-encoding'] === undefined
    );
  }

  private async answer(request: IncomingMessage, response: ServerResponse, stepAside: () => void): Promise<void> {
    let body: ListBody;
    try {
      body = await this.spaces.list(await this.guard.admitted(this.rule, request));
    } catch {
      // A refusal or a failure: Express and the controller meet it again and answer it as they answer every route's.
      stepAside();
      return;
    }
    this.headers(request, response, (error?: unknown) => {
      if (error !== undefined) {
        stepAside();
        return;
      }
      if (this.corsOn) vary(response, 'Origin');
      void sendListBody(request, response, body);
    });
  }
}

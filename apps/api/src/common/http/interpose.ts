import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Puts `front` in front of the server's request listeners (the application): it gets every
 * request first, and hands on the ones it does not answer itself by calling `application`.
 */
export function interpose(server: Server, front: (request: IncomingMessage, response: ServerResponse, application: RequestListener) => void): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const application: RequestListener = (request, response) => {
    for (const listener of listeners) listener.call(server, request, response);
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => front(request, response, application));
}

import type { Request, Response } from 'express';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { interpose } from './interpose';

/**
 * Requests a client may send on one connection ahead of the answers (HTTP/1.1 pipelining).
 * Browsers do not pipeline; a few is plenty for any script that does.
 */
export const MAX_PIPELINED_REQUESTS = 8;

interface Connection {
  /** An event stream is being answered on it: it never ends, so nothing behind it ever would. */
  streaming: boolean;
  /** Requests read from it that wait for the answers before theirs. */
  waiting: number;
}

const connections = new WeakMap<Socket, Connection>();

function connectionOf(socket: Socket): Connection {
  let connection = connections.get(socket);
  if (connection === undefined) {
    connection = { streaming: false, waiting: 0 };
    connections.set(socket, connection);
  }
  return connection;
}

/**
 * Node answers the requests of one connection in order, and hands the application every
 * request a client pipelines, however many, even after the connection was closed (all that
 * came in one read). Handled at once, each one's answer would be made and then held in
 * memory until its turn: behind an event stream, forever. So, in front of the application:
 * a pipelined request waits, unhandled, until its turn comes (Node gives its response the
 * socket then); more than MAX_PIPELINED_REQUESTS waiting, or any request behind an event
 * stream, closes the connection; and a request of a closed connection never reaches the
 * application, so a flood of them costs Node's parsing only.
 */
export function guardPipelining(server: Server): void {
  interpose(server, (request, response, handle) => {
    const socket = request.socket;
    if (socket.destroyed) return;
    const connection = connectionOf(socket);
    if (connection.streaming || (response.socket === null && connection.waiting >= MAX_PIPELINED_REQUESTS)) {
      socket.destroy();
      return;
    }
    if (response.socket !== null) {
      handle(request, response);
      return;
    }
    connection.waiting += 1;
    response.once('socket', () => {
      connection.waiting -= 1;
      if (connection.streaming) socket.destroy();
      else handle(request, response);
    });
  });
}

/**
 * Claims the request's connection for the event stream it asks for. An event stream must be
 * the only thing its connection carries: when other requests wait behind it, the connection
 * is closed and the answer is false. The claim ends with the response (a HEAD, say).
 */
export function claimConnectionForStream(request: Request, response: Response): boolean {
  const connection = connectionOf(request.socket);
  if (connection.waiting > 0) {
    request.socket.destroy();
    return false;
  }
  connection.streaming = true;
  response.once('finish', () => {
    connection.streaming = false;
  });
  return true;
}

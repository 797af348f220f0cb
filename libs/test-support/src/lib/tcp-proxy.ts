import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP relay to `127.0.0.1:<targetPort>` whose far side can be taken away: `cut()`
 * drops every relayed connection and drops each new one at once (a database host that went
 * away), `restore()` relays again. For outages of a real server without stopping it. The relay
 * keeps its port from start to `close()`: a port given back even for a moment may be taken by
 * another test's server.
 */
export class TcpProxy {
  private relaying = true;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly targetPort: number,
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  static start(targetPort: number): Promise<TcpProxy> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(new TcpProxy(server, (server.address() as { port: number }).port, targetPort)));
    });
  }

  cut(): void {
    this.relaying = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.relaying = true;
  }

  /** Drops every connection and gives the port back. */
  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    // The peer's reset is the point of an outage, not a failure of the test.
    client.on('error', () => undefined);
    if (!this.relaying) {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    upstream.on('error', () => undefined);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }
}

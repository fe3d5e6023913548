import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy a test can cut and restore, standing for a laptop's network:
 * `cut()` drops every live connection and refuses new ones (as a lost hotspot does),
 * `restore()` lets connections through again. The port stays the same throughout.
 * `slow(ms)` holds every chunk from the target that long before passing it on, in order (a poor
 * hotspot), so a test can watch work in the middle; `slow(0)` passes them at once again.
 */
export interface TcpProxy {
  port: number;
  url(protocol?: 'http' | 'ws'): string;
  cut(): void;
  restore(): void;
  slow(ms: number): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let isCut = false;
  let delayMs = 0;
  const server: Server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: target.host ?? '127.0.0.1', port: target.port });
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    // One queue per connection keeps the chunks in order whatever the delay when each arrived.
    let queue = Promise.resolve();
    const later = (then: () => void) => {
      queue = queue.then(async () => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (client.writable) then();
      });
    };
    upstream.on('data', (chunk: Buffer) => later(() => client.write(chunk)));
    upstream.on('end', () => later(() => client.end()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    url: (protocol = 'http') => `${protocol}://127.0.0.1:${address.port}`,
    cut() {
      isCut = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      isCut = false;
    },
    slow(ms) {
      delayMs = ms;
    },
    get isCut() {
      return isCut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

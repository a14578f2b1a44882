/**
 * A TCP relay in front of the emulator that behaves like a network `rttMs` long: a new connection is usable one
 * round trip after it is asked for (the TCP handshake; a TLS one would add another), and every chunk reaches the
 * other side half a round trip later. On loopback a new connection costs almost nothing, which hides what opening
 * one per request costs on a real network.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface DelayedNetwork {
  url: string;
  close(): Promise<void>;
}

export async function delayedNetwork(target: string, rttMs: number): Promise<DelayedNetwork> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const relay = (from: Socket, to: Socket): void => {
    from.on('data', (chunk: Buffer) => setTimeout(() => to.destroyed || to.write(chunk), rttMs / 2));
    from.on('end', () => setTimeout(() => to.end(), rttMs / 2));
    from.on('error', () => to.destroy());
    from.on('close', () => setTimeout(() => to.destroy(), rttMs / 2));
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    setTimeout(() => {
      const upstream = connect(Number(port), hostname, () => client.resume());
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      relay(client, upstream);
      relay(upstream, client);
    }, rttMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

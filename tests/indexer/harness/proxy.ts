/** A TCP proxy in front of the validator's websocket port, so a test can cut the connection. */
import * as net from "node:net";

export interface Proxy {
  port: number;
  url: string;
  /** Destroys every open connection (the client sees the socket close and must reconnect). */
  cut(): number;
  close(): Promise<void>;
}

export async function tcpProxy(targetPort: number, host = "127.0.0.1"): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `ws://${host}:${port}`,
    cut() {
      const n = sockets.size;
      for (const s of sockets) s.destroy();
      return n;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

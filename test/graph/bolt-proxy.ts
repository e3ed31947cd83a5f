// A tiny TCP proxy on loopback between the driver and Neo4j (plain Bolt, no
// TLS) that can make a COMMIT ambiguous: armed, it forwards the next COMMIT
// (chunk 00 02 B0 12), lets the server answer (so the commit lands), then
// closes both sockets without passing the answer on. The driver sees a
// dropped connection during COMMIT and may run the unit of work again.
import net from "node:net";

const COMMIT = Buffer.from([0x00, 0x02, 0xb0, 0x12]);

export class BoltCommitDropProxy {
  private server: net.Server | null = null;
  private armed = false;
  /** COMMITs dropped so far. */
  dropped = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on 127.0.0.1:0; returns the bolt:// URI to give the driver. */
  async start(): Promise<string> {
    this.server = net.createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `bolt://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** Drops the connection after the next COMMIT lands. */
  arm(): void {
    this.armed = true;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private pipe(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    let commitSent = false;
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (chunk: Buffer) => {
      if (this.armed && chunk.includes(COMMIT)) {
        this.armed = false;
        commitSent = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (commitSent) {
        // The server has answered the COMMIT: it landed. Lose the answer.
        this.dropped++;
        destroy();
        return;
      }
      client.write(chunk);
    });
    client.on("error", destroy);
    upstream.on("error", destroy);
    client.on("close", destroy);
    upstream.on("close", destroy);
  }
}

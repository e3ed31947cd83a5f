// Listens: builds the app on an opened store, listens on host:port, and on
// SIGINT/SIGTERM (close-with-grace) finishes requests in flight and queued
// uploads (fastify.close, 503 to new requests), then closes the store (which
// closes the Neo4j driver).
import type { AddressInfo } from "node:net";
import closeWithGrace from "close-with-grace";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppOptions } from "./app.js";

export interface ServeOptions extends AppOptions {
  port?: number;
  host?: string;
  /** Install SIGINT/SIGTERM handlers (default true; tests and benches pass false). */
  handleSignals?: boolean;
  /** Milliseconds allowed for a graceful close before the process exits anyway (default 10 000). */
  graceMs?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  port: number;
  /** Closes the app, then the store. Idempotent. */
  close: () => Promise<void>;
}

/**
 * Starts the API. The store must be open; it is closed by `close()` (and on a signal).
 * @throws when the port cannot be bound or the configuration is invalid
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const app = await buildApp(options);
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      try {
        await app.close();
      } finally {
        await options.store.close();
      }
    })());
  if (options.handleSignals !== false) {
    const grace = closeWithGrace({ delay: options.graceMs ?? 10_000, logger: false }, async ({ err, signal }) => {
      if (err) app.log.error({ err }, "closing after an uncaught error");
      else app.log.info({ signal }, "closing");
      await close();
    });
    app.addHook("onClose", async () => grace.uninstall());
  }
  await app.listen({ port: options.port ?? 3000, host: options.host ?? "127.0.0.1" });
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { app, url: `http://${host === "127.0.0.1" || host === "[::1]" ? "localhost" : host}:${address.port}`, port: address.port, close };
}

// `unionties serve`: the API and the viewer on http://host:port. Generates an
// admin API key into <data>/api-key (mode 0600) at first run when none is
// configured, and prints where it is (never the key itself).
import { ensureKeyFile, loadKeys } from "../../api/keys.js";
import { startServer } from "../../api/server.js";
import { COMMON_FLAGS, int, parseArgs, str, UsageError } from "../args.js";
import { makeContext, type Context } from "../context.js";
import type { Command } from "../main.js";

const FLAGS = { ...COMMON_FLAGS, port: "string", host: "string", quiet: "boolean" } as const;

export const command: Command = {
  summary: "serve the API and the viewer (default http://localhost:3000)",
  usage: `usage: unionties serve [--port 3000] [--host 127.0.0.1] [--quiet] [--data DIR] [--store memory|neo4j]

Environment: PORT, UNIONTIES_API_KEYS ("name:role:token,..."; roles reader,
reviewer, admin), UNIONTIES_REQUIRE_READ_KEY=1, UNIONTIES_CORS_ORIGINS.
Without configured keys an admin key is generated into <data>/api-key.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length) throw new UsageError(`serve takes no positional arguments (got "${args.positionals[0]}")`);
    const ctx = makeContext(args);
    const port = int(args, "port", Number(process.env.PORT ?? 3000), 0, 65535);
    return serve(ctx, { port, host: str(args, "host") ?? "127.0.0.1", logger: args.flags.quiet !== true });
  },
};

/**
 * Opens the store, makes sure an API key exists, serves until a signal, and
 * resolves to 0 once closed. Shared with `unionties start`.
 */
export async function serve(ctx: Context, options: { port: number; host: string; logger?: boolean }): Promise<number> {
  if (!loadKeys(process.env, ctx.dataDir).length) {
    const { file, created } = ensureKeyFile(ctx.dataDir);
    ctx.out(created ? `generated an admin API key for writes in ${file} (mode 0600)` : `API key for writes: ${file}`);
  }
  const store = await ctx.openStore();
  let server;
  try {
    server = await startServer({ store, dataDir: ctx.dataDir, port: options.port, host: options.host, logger: options.logger ? { level: "warn" } : false });
  } catch (error) {
    await store.close();
    throw error;
  }
  ctx.out(`unionties is serving on ${server.url}  (API docs: ${server.url}/docs)`);
  await new Promise<void>((resolve) => server.app.server.once("close", () => resolve()));
  return 0;
}

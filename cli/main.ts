// The `unionties` command: dispatches to one module per command in
// cli/commands/, prints errors as one clear line, and returns the exit code
// (0 ok, 1 failed work, 2 bad usage, 3 store unavailable).
import { isUniontiesError } from "../graph/errors.js";
import { UsageError } from "./args.js";
import { printable } from "./printable.js";

export interface Command {
  /** One line: what the command does. */
  summary: string;
  /** The usage text printed by --help. */
  usage: string;
  /** Runs the command; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  start: () => import("./commands/start.js"),
  ingest: () => import("./commands/ingest.js"),
  serve: () => import("./commands/serve.js"),
  search: () => import("./commands/search.js"),
  show: () => import("./commands/show.js"),
  path: () => import("./commands/path.js"),
  boomerang: () => import("./commands/boomerang.js"),
  stats: () => import("./commands/stats.js"),
  export: () => import("./commands/export.js"),
  import: () => import("./commands/import.js"),
  migrate: () => import("./commands/migrate.js"),
  bench: () => import("./commands/bench.js"),
};

async function help(): Promise<string> {
  const lines = ["usage: unionties <command> [options]", "", "commands:"];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${(await load()).command.summary}`);
  lines.push("", "every command takes --data DIR (or UNIONTIES_DATA; default ./data) and --store memory|neo4j", "run `unionties <command> --help` for its options");
  return lines.join("\n");
}

/** Runs the CLI with argv (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write((await help()) + "\n");
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`unionties: unknown command "${name}"\n\n${await help()}\n`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes("--help")) {
    process.stdout.write(command.usage + "\n");
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    return reportError(name, error);
  }
}

/** Prints an error as one line (stack only with UNIONTIES_DEBUG) and maps it to an exit code. */
export function reportError(name: string, error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`unionties ${name}: ${error.message} (see unionties ${name} --help)\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`unionties ${name}: ${printable(message)}\n`);
  if (process.env.UNIONTIES_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (isUniontiesError(error) && error.code === "STORE_UNAVAILABLE") return 3;
  return 1;
}

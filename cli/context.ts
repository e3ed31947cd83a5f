// What every command shares: where the data lives, which store to open, and
// how to print. Commands receive a Context instead of reading globals.
import { resolve } from "node:path";
import { openStore, type StoreChoice } from "../graph/open-store.js";
import type { GraphStore } from "../graph/store.js";
import { str, UsageError, type ParsedArgs } from "./args.js";
import { printable } from "./printable.js";

export interface Context {
  dataDir: string;
  storeChoice: StoreChoice;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Opens the chosen store; the caller closes it. */
  openStore: () => Promise<GraphStore>;
}

/** Builds the context from the common flags (--data, --store) and the environment. */
export function makeContext(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): Context {
  const dataDir = resolve(str(args, "data") ?? env.UNIONTIES_DATA ?? "data");
  const choice = str(args, "store") ?? (env.NEO4J_URI ? "neo4j" : "memory");
  if (choice !== "memory" && choice !== "neo4j") throw new UsageError(`--store must be memory or neo4j, not "${choice}"`);
  const storeChoice: StoreChoice = { kind: choice, dataDir, env };
  return {
    dataDir,
    storeChoice,
    out: (line) => process.stdout.write(printable(line) + "\n"),
    err: (line) => process.stderr.write(printable(line) + "\n"),
    openStore: () => openStore(storeChoice),
  };
}

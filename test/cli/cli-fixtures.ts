// Shared by the CLI command tests: a seeded embedded store in a temporary
// folder, and stdout captured while a command runs.
import { afterEach, beforeAll, vi } from "vitest";
import { seededStore, tempDir } from "../api/helpers.js";

/** A CLI test file's state: the store folder (made before its tests) and what the command printed. */
export interface SeededCli {
  /** The folder of a store holding the seed papers. */
  dir: string;
  /** What was written to stdout since the last capture(). */
  printed: string[];
  /** Starts capturing stdout (the mock is undone after each test). */
  capture(): void;
}

/** Registers the hooks of a CLI test file on a store of the seed papers. */
export function useSeededCli(prefix: string): SeededCli {
  const cli: SeededCli = {
    dir: "",
    printed: [],
    capture() {
      const printed: string[] = [];
      cli.printed = printed;
      vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (printed.push(String(chunk)), true));
    },
  };
  beforeAll(async () => {
    cli.dir = tempDir(prefix);
    const store = await seededStore(cli.dir);
    await store.close();
  });
  afterEach(() => vi.restoreAllMocks());
  return cli;
}

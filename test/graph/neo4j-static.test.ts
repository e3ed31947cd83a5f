// B4.1: every query the code hands to the driver (tx.run, session.run,
// executeQuery, and the units given to executeRead/executeWrite) is a string
// literal without interpolation or a constant or builder of
// graph/neo4j/queries.ts. And no write path uses session.run (auto-commit
// transactions are not retried). Source is read as text; test files are exempt.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const FOLDERS = ["graph", "api", "ingest", "cli", "bench", "scripts"];

/**
 * The project's source files under `dir`: those git tracks or would track
 * (not ignored), so that scratch files in ignored folders such as bench/work
 * are not read as the project's code. Outside a git checkout, every file.
 */
function sources(dir: string): string[] {
  let listed: string[] | null = null;
  try {
    listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", relative(ROOT, dir)], { cwd: ROOT, encoding: "utf8" })
      .split("\0")
      .filter(Boolean)
      .map((file) => join(ROOT, file));
  } catch {
    listed = null;
  }
  return (listed ?? walk(dir)).filter((path) => /\.(ts|mts|js|mjs)$/.test(path) && !path.endsWith(".d.ts") && existsSync(path));
}

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) continue;
    if (statSync(path).isDirectory()) out = out.concat(walk(path));
    else out.push(path);
  }
  return out;
}

/** The first argument of every call to `callee(` in `text`, as written. */
function firstArguments(text: string, callee: RegExp): Array<{ arg: string; line: number }> {
  const out: Array<{ arg: string; line: number }> = [];
  for (const m of text.matchAll(callee)) {
    let i = m.index! + m[0].length;
    let depth = 0;
    let arg = "";
    for (; i < text.length; i++) {
      const c = text[i];
      if ("([{".includes(c)) depth++;
      if (")]}".includes(c)) {
        if (depth === 0) break;
        depth--;
      }
      if (c === "," && depth === 0) break;
      arg += c;
    }
    out.push({ arg: arg.trim(), line: text.slice(0, m.index).split("\n").length });
  }
  return out;
}

const LITERAL = /^("[^"\\]*(\\.[^"\\]*)*"|'[^'\\]*(\\.[^'\\]*)*'|`[^`$]*`)$/;
const FROM_QUERIES = /^Q\.([A-Z][A-Z0-9_]*|[a-z][A-Za-z]*Query\([^]*\))$/;
/** A member of an UPPER_CASE constant (e.g. the boomerang helper's BOOMERANG_CYPHER.adjacent, read from a .cypher file). */
const CONSTANT_MEMBER = /^[A-Z][A-Z0-9_]*(\.[\w]+|\["[\w-]+"\])*$/;

function allowed(arg: string, bound: Set<string>): boolean {
  return LITERAL.test(arg) || FROM_QUERIES.test(arg) || CONSTANT_MEMBER.test(arg) || bound.has(arg);
}

/** Names bound directly to a queries-module value in the file (const x = Q.…, for (const x of Q.…)). */
function boundToQueries(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/const (\w+) = (Q\.[\w]+(\([^;]*\))?);/g)) if (FROM_QUERIES.test(m[2])) names.add(m[1]);
  for (const m of text.matchAll(/for \(const (\w+) of Q\.[A-Z_]+\)/g)) names.add(m[1]);
  // A string parameter of a local helper whose every call passes an allowed query.
  for (const m of text.matchAll(/const (\w+) = async \((\w+): string/g)) {
    const calls = firstArguments(text, new RegExp(`\\b${m[1]}\\(`, "g")).filter((c) => !c.arg.startsWith(`${m[2]}:`));
    if (calls.length && calls.every((c) => allowed(c.arg, names))) names.add(m[2]);
  }
  return names;
}

describe("B4.1 static query check", () => {
  const files = FOLDERS.flatMap((f) => {
    try {
      return sources(join(ROOT, f));
    } catch {
      return [];
    }
  });
  const offenders: string[] = [];
  let checked = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    if (!/neo4j-driver|ManagedTransaction|\btx\.run\(/.test(text)) continue;
    const bound = boundToQueries(text);
    for (const { arg, line } of firstArguments(text, /\b(?:tx|session|transaction)\.run\(|\.executeQuery\(/g)) {
      checked++;
      if (!allowed(arg, bound)) offenders.push(`${relative(ROOT, file)}:${line}: ${arg.slice(0, 80)}`);
    }
  }

  it("finds driver calls to check in the Neo4j store", () => {
    expect(checked).toBeGreaterThan(20);
  });

  it("lets only literals and constants of graph/neo4j/queries.ts reach the driver", () => {
    expect(offenders).toEqual([]);
  });

  it("never uses session.run, which the driver does not retry", () => {
    const uses = files.filter((f) => /\bsession\.run\(/.test(readFileSync(f, "utf8"))).map((f) => relative(ROOT, f));
    expect(uses).toEqual([]);
  });

  it("catches a query built by concatenation (the check itself can fail)", () => {
    const bad = 'await tx.run("MATCH (n {id: \'" + id + "\'}) RETURN n");\nawait tx.run(`MATCH (n:${label}) RETURN n`);';
    const args = firstArguments(bad, /\btx\.run\(/g).map((a) => a.arg);
    expect(args.filter((a) => allowed(a, new Set()))).toEqual([]);
  });
});

// API keys: parsed from UNIONTIES_API_KEYS ("name:role:token,...") or a key
// file, kept only as SHA-256 hashes, and checked in constant time. On first
// run `ensureKeyFile` writes one admin token (32 random bytes) to
// <dataDir>/api-key with mode 0600; the token itself is never logged.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Roles, weakest first: each includes what the ones before it may do. */
export const ROLES = ["reader", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** One configured key: who it is, what it may do, and the hash of its token. */
export interface ApiKey {
  name: string;
  role: Role;
  hash: Buffer;
}

/** Shortest token accepted from configuration (shorter ones are a configuration error). */
export const MIN_TOKEN_LENGTH = 16;

function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/**
 * Parses "name:role:token" entries separated by commas or new lines; a bare
 * token line (the generated key file) becomes name "admin", role admin.
 * @throws Error naming the bad entry (by position, never by token)
 */
export function parseKeys(spec: string): ApiKey[] {
  const keys: ApiKey[] = [];
  spec
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith("#"))
    .forEach((entry, i) => {
      const parts = entry.split(":");
      const [name, role, token] = parts.length === 1 ? ["admin", "admin", parts[0]] : [parts[0], parts[1], parts.slice(2).join(":")];
      if (!name || !/^[\w.-]{1,64}$/.test(name)) throw new Error(`api keys: entry ${i + 1} has no valid name`);
      if (!(ROLES as readonly string[]).includes(role)) throw new Error(`api keys: entry ${i + 1} (${name}) has role "${role}"; expected reader, reviewer or admin`);
      if (!token || token.length < MIN_TOKEN_LENGTH) throw new Error(`api keys: entry ${i + 1} (${name}) has a token shorter than ${MIN_TOKEN_LENGTH} characters`);
      keys.push({ name, role: role as Role, hash: hashToken(token) });
    });
  return keys;
}

/**
 * Finds the key a presented token belongs to. Every configured key is compared
 * (no early exit) with crypto.timingSafeEqual on equal-length SHA-256 digests,
 * so neither the token's length nor its prefix changes the timing.
 */
export function findKey(keys: readonly ApiKey[], token: string | undefined): ApiKey | null {
  if (token === undefined) return null;
  const presented = hashToken(token);
  let found: ApiKey | null = null;
  for (const key of keys) if (timingSafeEqual(presented, key.hash) && !found) found = key;
  return found;
}

/** True when `role` may do what `needed` allows. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The file the generated key lives in. */
export function keyFilePath(dataDir: string): string {
  return join(dataDir, "api-key");
}

/**
 * Writes a new admin token (32 random bytes, hex) to <dataDir>/api-key with
 * mode 0600 unless the file exists. Returns the path and whether it was created.
 */
export function ensureKeyFile(dataDir: string): { file: string; created: boolean } {
  const file = keyFilePath(dataDir);
  if (existsSync(file)) return { file, created: false };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return { file, created: true };
}

/**
 * The keys in effect: UNIONTIES_API_KEYS, else UNIONTIES_API_KEY_FILE, else
 * <dataDir>/api-key when it exists. Empty when none is configured.
 */
export function loadKeys(env: Record<string, string | undefined>, dataDir?: string): ApiKey[] {
  if (env.UNIONTIES_API_KEYS) return parseKeys(env.UNIONTIES_API_KEYS);
  const file = env.UNIONTIES_API_KEY_FILE ?? (dataDir ? keyFilePath(dataDir) : undefined);
  if (file && existsSync(file)) return parseKeys(readFileSync(file, "utf8"));
  return [];
}

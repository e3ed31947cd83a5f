// B9.2: docker-compose.yml checked without Docker: Neo4j ports on 127.0.0.1
// only, credentials from .env (never none or neo4j/neo4j), a pinned image,
// no plugins, a healthcheck, /data on a named volume, the API waiting for a
// healthy Neo4j. The lint also runs on a bad file to show it can fail.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(import.meta.dirname, "../..");

type Service = {
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test?: unknown };
  depends_on?: Record<string, { condition?: string }>;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

/** Every B9.2 violation in a compose document (empty when sound). */
function lintCompose(doc: Compose): string[] {
  const problems: string[] = [];
  const neo4j = doc.services?.neo4j;
  if (!neo4j) return ["no neo4j service"];
  for (const [name, s] of Object.entries(doc.services))
    for (const p of s.ports ?? []) if (!String(p).startsWith("127.0.0.1:")) problems.push(`${name}: port ${p} not bound to 127.0.0.1`);
  if (!/^neo4j:5\.\d+\.\d+(-community)?$/.test(neo4j.image ?? "")) problems.push(`neo4j image "${neo4j.image}" is not a pinned 5.x tag`);
  const auth = neo4j.environment?.NEO4J_AUTH ?? "";
  if (!/^neo4j\/\$\{NEO4J_PASSWORD(:\?[^}]*)?\}$/.test(auth)) problems.push(`NEO4J_AUTH "${auth}" is not taken from .env`);
  if (/^(none|neo4j\/neo4j)$/i.test(auth)) problems.push("NEO4J_AUTH is none or the default password");
  if (neo4j.environment && "NEO4J_PLUGINS" in neo4j.environment) problems.push("NEO4J_PLUGINS is set");
  if (neo4j.environment?.NEO4J_dbms_security_allow__csv__import__from__file__urls !== "false") problems.push("LOAD CSV file URLs not disabled");
  if (!neo4j.healthcheck?.test) problems.push("neo4j has no healthcheck");
  const data = (neo4j.volumes ?? []).find((v) => String(v).endsWith(":/data"));
  const volume = data?.split(":")[0];
  if (!volume || volume.startsWith(".") || volume.startsWith("/") || !(volume in (doc.volumes ?? {}))) problems.push("/data is not on a named volume");
  for (const [name, s] of Object.entries(doc.services))
    if (name !== "neo4j" && s.environment?.NEO4J_URI && s.depends_on?.neo4j?.condition !== "service_healthy") problems.push(`${name} does not wait for a healthy neo4j`);
  return problems;
}

describe("docker-compose.yml", () => {
  const doc = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8")) as Compose;

  it("breaks none of the deployment rules", () => {
    expect(lintCompose(doc)).toEqual([]);
  });

  it("builds the API from the Dockerfile and keeps .env out of git and out of the image", () => {
    expect(doc.services.api).toMatchObject({ build: "." });
    expect(readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n")).toContain(".env");
    expect(readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n")).toContain(".env");
    expect(readFileSync(join(ROOT, "Dockerfile"), "utf8")).toMatch(/^USER node$/m);
  });

  it("ships an .env.example with a placeholder password, not a usable default", () => {
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    const password = /^NEO4J_PASSWORD=(.*)$/m.exec(example)?.[1] ?? "";
    expect(password).toMatch(/change-me/);
    expect(password).not.toMatch(/^(neo4j|none|password)?$/);
  });

  it("flags an open port, default credentials, plugins and a bind-mounted /data", () => {
    const bad: Compose = {
      services: {
        neo4j: {
          image: "neo4j:latest",
          environment: { NEO4J_AUTH: "neo4j/neo4j", NEO4J_PLUGINS: '["apoc"]' },
          ports: ["7687:7687"],
          volumes: ["./data:/data"],
        },
        api: { environment: { NEO4J_URI: "bolt://neo4j:7687" } },
      },
    };
    expect(lintCompose(bad)).toHaveLength(9);
  });
});

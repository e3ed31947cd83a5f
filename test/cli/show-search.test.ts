// `unionties search` and `unionties show` on a store persisted in a temporary
// folder: hits with their ids, a node's facts and its relationships grouped
// by type with direction and quotes, name resolution, --json, exit codes.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../cli/args.js";
import { command as search } from "../../cli/commands/search.js";
import { command as show } from "../../cli/commands/show.js";
import { useSeededCli } from "./cli-fixtures.js";

const cli = useSeededCli("unionties-cli-show-");

describe("unionties search", () => {
  it("lists matching nodes with id, kind, country and mentions, and exits 0", async () => {
    cli.capture();
    expect(await search.run(["jtuc-rengo", "--data", cli.dir])).toBe(0);
    expect(cli.printed.join("")).toMatch(/^rengo\s+Rengo\s+\(confederation, JP; 2 mentions\)\n$/);
  });

  it("filters by kind and country, and exits 1 with 'no match' when nothing matches", async () => {
    cli.capture();
    expect(await search.run(["z", "--kind", "confederation", "--country", "jp", "--json", "--data", cli.dir])).toBe(0);
    const ids = JSON.parse(cli.printed.join("")).items.map((n: { id: string }) => n.id).sort();
    expect(ids).toEqual(["zenrokyo", "zenroren"]);
    cli.capture();
    expect(await search.run(["nothing-like-this", "--data", cli.dir])).toBe(1);
    expect(cli.printed.join("")).toBe("no match\n");
  });

  it("refuses an unknown kind or label, and no words, as usage errors", async () => {
    await expect(search.run(["rengo", "--kind", "guild", "--data", cli.dir])).rejects.toThrow(UsageError);
    await expect(search.run(["rengo", "--label", "Union", "--data", cli.dir])).rejects.toThrow(UsageError);
    await expect(search.run(["--data", cli.dir])).rejects.toThrow(UsageError);
  });
});

describe("unionties show", () => {
  it("prints the node's facts, then each relationship under its type with its direction and quote", async () => {
    cli.capture();
    expect(await show.run(["rengo", "--data", cli.dir])).toBe(0);
    const out = cli.printed.join("");
    expect(out).toMatch(/^Rengo \[rengo\]\n  kind +confederation \(Organization\)\n  country +JP\n  aliases +JTUC-Rengo\n/);
    expect(out).toMatch(/\nMEMBER_OF \(1\)\n  → ITUC \[ituc\] .*\n      “Rengo is a member of ITUC\.” — paper-a \[\d+–\d+\]\n/);
    expect(out).toMatch(/\nTIE \(2\)\n/);
    expect(out).toContain("— KCTU [kctu]");
    expect(out).toMatch(/— Zenroren \[zenroren\] \(absent\)/);
    expect(out).not.toContain("_reviewerEmail");
    expect(out).not.toContain("MENTIONS");
  });

  it("marks incoming directed relationships with ←", async () => {
    cli.capture();
    expect(await show.run(["ijuren", "--data", cli.dir])).toBe(0);
    expect(cli.printed.join("")).toMatch(/\nBLOCKS \(1\)\n  ← MOFA \[mofa\] /);
  });

  it("resolves a name by search, prints no quotes with --quotes 0, and the whole record with --json", async () => {
    cli.capture();
    expect(await show.run(["JTUC-Rengo", "--quotes", "0", "--data", cli.dir])).toBe(0);
    expect(cli.printed.join("")).toMatch(/^Rengo \[rengo\]/);
    expect(cli.printed.join("")).not.toContain("“");
    cli.capture();
    expect(await show.run(["kctu", "--json", "--data", cli.dir])).toBe(0);
    const detail = JSON.parse(cli.printed.join(""));
    expect(detail.node.id).toBe("kctu");
    expect(detail.relationships.map((r: { id: string }) => r.id).sort()).toEqual(["TIE:kctu:rengo", "TIE:kctu:zenrokyo"]);
    expect(detail.relationships[0].attributes.evidence[0].quote).toMatch(/KCTU/);
  });

  it("fails with a not-found error for an unknown node and a usage error without exactly one", async () => {
    await expect(show.run(["nobody-at-all", "--data", cli.dir])).rejects.toThrow(/nobody-at-all/);
    await expect(show.run(["rengo", "kctu", "--data", cli.dir])).rejects.toThrow(UsageError);
  });
});

// A document's text reaches the terminal of whoever runs the CLI (quotes,
// titles, names): its control characters are printed as \uXXXX escapes, so
// it cannot hide or overwrite lines, retitle the window or fill the
// clipboard, and --json output still parses to the stored text.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { command as ingest } from "../../cli/commands/ingest.js";
import { command as show } from "../../cli/commands/show.js";
import { reportError } from "../../cli/main.js";
import { printable } from "../../cli/printable.js";
import { tempDir } from "../api/helpers.js";

// ESC, BEL, CR and the one-character CSI (U+009B): what terminal escape sequences are made of.
const CONTROLS = /[\u0007\u000d\u001b\u009b]/;

function capture(): string[] {
  const printed: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (printed.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (printed.push(String(chunk)), true));
  return printed;
}

afterEach(() => vi.restoreAllMocks());

describe("terminal escape sequences in a document", () => {
  it("are printed as escapes by ingest and show, and kept as they are in --json", async () => {
    const dir = tempDir("unionties-cli-escapes-");
    const file = join(dir, "hostile.txt");
    const hidden = "\u001b[8mhidden\u001b[0m \u001b]52;c;ZWNobyBwd25lZA==\u0007 \u009b2J";
    writeFileSync(
      file,
      "\u001b]0;retitled\u0007Some Title For This Paper\n\n" +
        `The Japanese Trade Union Confederation (Rengo) joined the International Trade Union Confederation (ITUC) in 2006 ${hidden}.\n`,
    );
    const data = join(dir, "data");

    let printed = capture();
    expect(await ingest.run([file, "--data", data, "--no-review"])).toBe(0);
    printed = capture();
    expect(await show.run(["hostile", "--data", data])).toBe(0);
    expect(await show.run(["rengo", "--data", data])).toBe(0);
    const out = printed.join("");
    expect(out).not.toMatch(CONTROLS);
    expect(out).toContain("\\u001b]0;retitled\\u0007Some Title For This Paper");
    expect(out).toContain("\\u001b[8mhidden\\u001b[0m \\u001b]52;c;ZWNobyBwd25lZA==\\u0007 \\u009b2J.”");

    printed = capture();
    expect(await show.run(["rengo", "--json", "--data", data])).toBe(0);
    expect(printed.join("")).not.toMatch(CONTROLS);
    const quote = JSON.parse(printed.join("")).relationships[0].attributes.evidence[0].quote as string;
    expect(quote).toContain(hidden);
  });

  it("are printed as escapes in an error message too", () => {
    const printed = capture();
    expect(reportError("show", new Error("no node \u001b[2J\u001b]0;x\u0007here"))).toBe(1);
    expect(printed.join("")).toBe("unionties show: no node \\u001b[2J\\u001b]0;x\\u0007here\n");
  });

  it("printable keeps text, tabs and newlines as they are", () => {
    expect(printable("Zentōitsu\tRengo\n“quote” — 2006")).toBe("Zentōitsu\tRengo\n“quote” — 2006");
    expect(printable("a\u0000b\rc\u007fd\u0085e")).toBe("a\\u0000b\\u000dc\\u007fd\\u0085e");
  });
});

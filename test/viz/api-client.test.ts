// The viewer's API client: the URLs it asks for, and errors carrying the
// API's status and message.
import { describe, expect, it } from "vitest";
import { ApiClient, ApiError, graphQueryString, MAX_EXPORT_IDS } from "../../viz/api-client.js";

function recorder(status = 200, body: unknown = {}) {
  const urls: string[] = [];
  const fetchImpl = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;
  return { urls, client: new ApiClient("http://api.test", fetchImpl) };
}

describe("ApiClient", () => {
  it("asks for the graph without documents and for searches with a limit", async () => {
    const { urls, client } = recorder(200, { nodes: [], edges: [], items: [], total: 0 });
    await client.graph();
    await client.search("Rengō & co", 5);
    expect(urls).toEqual(["http://api.test/api/graph?withoutDocuments=true", "http://api.test/api/nodes?q=Reng%C5%8D+%26+co&limit=5"]);
  });

  it("encodes ids in paths and passes path options", async () => {
    const { urls, client } = recorder(200, { paths: [] });
    await client.node("a/b");
    await client.documentText("doc 1");
    await client.shortestPaths("zenrokyo", "kctu", { types: ["TIE", "MEMBER_OF"], all: true });
    await client.boomerang({ state: "JP" });
    expect(urls).toEqual([
      "http://api.test/api/nodes/a%2Fb",
      "http://api.test/api/documents/doc%201/text",
      "http://api.test/api/paths/shortest?from=zenrokyo&to=kctu&types=TIE%2CMEMBER_OF&all=true",
      "http://api.test/api/boomerang?state=JP",
    ]);
  });

  it("turns an error response into an ApiError with the API's message", async () => {
    const { client } = recorder(404, { statusCode: 404, error: "Not Found", message: 'node "x" does not exist' });
    const error = await client.node("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: 'node "x" does not exist' });
  });

  it("builds export URLs of the current view, by ids while they fit and by filters beyond", () => {
    const client = new ApiClient("");
    const url = new URL(client.exportUrl("gexf", { nodes: ["a", "b"], types: ["TIE"], includeAbsent: false, title: "Fig 1" }), "http://x");
    expect(Object.fromEntries(url.searchParams)).toEqual({ nodes: "a,b", types: "TIE", includeAbsent: "false", format: "gexf", title: "Fig 1" });
    const many = Array.from({ length: MAX_EXPORT_IDS + 1 }, (_, i) => `n${i}`);
    expect(graphQueryString({ nodes: many, kinds: ["union"] }).has("nodes")).toBe(false);
  });
});

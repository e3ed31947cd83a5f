// OpenAPI 3 generated from the route schemas (@fastify/swagger) and its UI at
// /docs (@fastify/swagger-ui, with a CSP of its own for its static files).
// Register before the routes so that every route lands in the document.
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";

/** Registers the OpenAPI generator and the UI at /docs (JSON at /docs/json). */
export async function registerDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "unionties API",
        description: "Transnational union networks: organisations, events, agreements, people and documents, with the evidence behind each relationship.",
        version,
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "API key (UNIONTIES_API_KEYS or <data>/api-key)" },
        },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    staticCSP: true,
    // Same framing rule as the rest of the site; plain-http localhost must keep working.
    // Swagger UI sets inline styles (never inline scripts): allow those only.
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(/style-src 'self' https:/, "style-src 'self' 'unsafe-inline'")
        .replace(/\s*upgrade-insecure-requests;?/, ""),
    uiConfig: { deepLinking: false },
  });
}

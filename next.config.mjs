import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/server/intl-request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and postgres.js must stay real Node modules: PGlite loads its WASM from its own package folder.
  // prom-client too: one module instance, so route handlers and the worker share one metrics registry.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "web-push", "bcryptjs", "prom-client"],
  // What ships (Dockerfile) and what the e2e suite runs: `node <distDir>/standalone/server.js`.
  output: "standalone",
  // Read at runtime (drizzle's migrator), so file tracing cannot see them.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  poweredByHeader: false,
  // The dev badge sits on top of the left navigation's Settings link.
  devIndicators: false,
  // Lets two builds (say, the e2e suite and a manual check) live side by side in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // forbidden() renders app/forbidden.tsx with a real 403 for members opening settings.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);

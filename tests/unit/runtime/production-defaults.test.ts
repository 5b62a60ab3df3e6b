import { describe, expect, it } from "vitest";
import {
  assertProductionSecrets,
  mayShowDemoHint,
  missingProductionSecrets,
  shouldSeedDemo,
} from "@/lib/runtime/production-defaults";

describe("seeding the demo workspace by itself (SPEC §9)", () => {
  it("the development server seeds an empty embedded database", () => {
    expect(shouldSeedDemo({ databaseKind: "pglite", env: { NODE_ENV: "development" } })).toBe(true);
  });

  it("next start (production) never seeds on its own, embedded or PostgreSQL", () => {
    expect(shouldSeedDemo({ databaseKind: "pglite", env: { NODE_ENV: "production" } })).toBe(false);
    expect(shouldSeedDemo({ databaseKind: "postgres", env: { NODE_ENV: "production" } })).toBe(false);
  });

  it("the development server leaves a PostgreSQL database alone (npm run db:seed is explicit)", () => {
    expect(shouldSeedDemo({ databaseKind: "postgres", env: { NODE_ENV: "development" } })).toBe(false);
  });

  it("SEED_DEMO=1 asks for it anywhere; other values do not", () => {
    expect(shouldSeedDemo({ databaseKind: "pglite", env: { NODE_ENV: "production", SEED_DEMO: "1" } })).toBe(true);
    expect(shouldSeedDemo({ databaseKind: "postgres", env: { NODE_ENV: "production", SEED_DEMO: "1" } })).toBe(true);
    expect(shouldSeedDemo({ databaseKind: "pglite", env: { NODE_ENV: "production", SEED_DEMO: "true" } })).toBe(false);
  });
});

describe("the demo hint", () => {
  it("never shows in production", () => {
    expect(mayShowDemoHint({ NODE_ENV: "production" })).toBe(false);
    expect(mayShowDemoHint({ NODE_ENV: "development" })).toBe(true);
  });
});

describe("secrets a production server on PostgreSQL must be given", () => {
  const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/app" };

  it("names each missing variable", () => {
    expect(missingProductionSecrets(production)).toEqual(["AUTH_SECRET", "APP_SECRET_KEY"]);
    expect(missingProductionSecrets({ ...production, AUTH_SECRET: "s" })).toEqual(["APP_SECRET_KEY"]);
    expect(missingProductionSecrets({ ...production, APP_SECRET_KEY: "k", AUTH_SECRET: "  " })).toEqual(["AUTH_SECRET"]);
    expect(() => assertProductionSecrets({ ...production, AUTH_SECRET: "s" })).toThrow(/APP_SECRET_KEY must be set/);
  });

  it("lets it start with both, and asks nothing of the embedded database or development", () => {
    expect(missingProductionSecrets({ ...production, AUTH_SECRET: "s", APP_SECRET_KEY: "k" })).toEqual([]);
    expect(missingProductionSecrets({ NODE_ENV: "production" })).toEqual([]);
    expect(missingProductionSecrets({ NODE_ENV: "development", DATABASE_URL: "postgres://db/app" })).toEqual([]);
    expect(() => assertProductionSecrets({ NODE_ENV: "production" })).not.toThrow();
  });
});

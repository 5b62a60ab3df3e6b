import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/index";
import { isDatabaseEmpty, seedDemoWorkspace } from "@/db/seed";
import { showDemoHint } from "@/lib/auth/demo-hint";

describe("the sign-in page's demo hint", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is hidden while the demo workspace does not exist, shown once it does, never in production", async () => {
    vi.stubEnv("NODE_ENV", "development");
    expect(await isDatabaseEmpty(await getDb())).toBe(true);
    expect(await showDemoHint()).toBe(false);

    await seedDemoWorkspace(await getDb());
    expect(await showDemoHint()).toBe(true);

    vi.stubEnv("NODE_ENV", "production");
    expect(await showDemoHint()).toBe(false);
  });
});

import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { oneTimeTokens } from "@/db/schema";
import { consumeToken, findUsableToken, issueToken, revokeTokens, TOKEN_LIFETIME_MS } from "@/lib/auth/one-time-tokens";
import { createUser } from "@/tests/factories";

async function issue(purpose: "password_reset" | "invitation" = "password_reset", now = new Date()) {
  const user = await createUser();
  const db = await getDb();
  return { user, ...(await issueToken(db, { purpose, email: user.email, userId: user.id, workspaceId: user.workspaceId }, now)) };
}

async function consume(purpose: "password_reset" | "invitation", token: unknown, now = new Date()) {
  const db = await getDb();
  return db.transaction((tx) => consumeToken(tx, purpose, token, now));
}

describe("one-time tokens", () => {
  it("are 32 random bytes, of which only the SHA-256 is stored", async () => {
    const { token, row } = await issue();

    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const db = await getDb();
    const [stored] = await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.id, row.id));
    expect(stored!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("differ every time", async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i += 1) tokens.add((await issue()).token);
    expect(tokens.size).toBe(5);
  });

  it("work once", async () => {
    const { token, row } = await issue();

    expect(await consume("password_reset", token)).toMatchObject({ id: row.id });
    expect(await consume("password_reset", token)).toBeNull();
  });

  it("work once even when two requests use one at the same moment", async () => {
    const { token } = await issue();

    const results = await Promise.all([consume("password_reset", token), consume("password_reset", token)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("expire after their purpose's lifetime", async () => {
    const issuedAt = new Date(Date.now() - 10_000);
    const { token } = await issue("password_reset", issuedAt);
    const justBefore = new Date(issuedAt.getTime() + TOKEN_LIFETIME_MS.password_reset - 1);
    const justAfter = new Date(issuedAt.getTime() + TOKEN_LIFETIME_MS.password_reset + 1);
    const db = await getDb();

    expect(await db.transaction((tx) => findUsableToken(tx, "password_reset", token, justBefore))).not.toBeNull();
    expect(await consume("password_reset", token, justAfter)).toBeNull();
    expect(TOKEN_LIFETIME_MS).toMatchObject({ password_reset: 3600_000, invitation: 7 * 24 * 3600_000 });
  });

  it("open nothing once revoked", async () => {
    const { token, user } = await issue();
    const db = await getDb();

    expect(await revokeTokens(db, { purpose: "password_reset", userId: user.id })).toBe(1);
    expect(await consume("password_reset", token)).toBeNull();
  });

  it("only serve their own purpose", async () => {
    const { token } = await issue("invitation");
    expect(await consume("password_reset", token)).toBeNull();
    expect(await consume("invitation", token)).not.toBeNull();
  });

  it.each([
    ["an unknown token", "A".repeat(43)],
    ["a too short token", "abc"],
    ["a too long token", "A".repeat(500)],
    ["a token with other characters", `${"A".repeat(42)}=`],
    ["no token", undefined],
    ["a number", 12],
  ])("answer null for %s", async (_name, token) => {
    expect(await consume("password_reset", token)).toBeNull();
  });
});

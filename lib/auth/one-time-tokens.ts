import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { oneTimeTokens, tokenPurposeEnum } from "@/db/schema";

export type TokenPurpose = (typeof tokenPurposeEnum.enumValues)[number];
export type OneTimeToken = typeof oneTimeTokens.$inferSelect;

/** How long each kind of link works (spec §12): invitations 7 days, a reset 1 hour. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  email_change: 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
  magic_link: 15 * 60 * 1000,
};

/** 32 random bytes, base64url: 43 characters. Anything else is not a token and never reaches the database. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type IssueTokenInput = {
  purpose: TokenPurpose;
  email: string;
  workspaceId?: string | null;
  userId?: string | null;
  role?: "admin" | "member" | null;
  createdById?: string | null;
};

/**
 * A new one-time token: the caller puts the returned secret into a link and never stores it;
 * only its SHA-256 is kept, so a copy of the database opens nothing.
 */
export async function issueToken(executor: Executor, input: IssueTokenInput, now = new Date()): Promise<{ token: string; row: OneTimeToken }> {
  const token = randomBytes(32).toString("base64url");
  const [row] = await executor
    .insert(oneTimeTokens)
    .values({
      purpose: input.purpose,
      tokenHash: hashToken(token),
      email: input.email,
      workspaceId: input.workspaceId ?? null,
      userId: input.userId ?? null,
      role: input.role ?? null,
      createdById: input.createdById ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
    })
    .returning();
  return { token, row: row! };
}

/**
 * The usable token of this purpose (unused, unrevoked, unexpired), locked until the
 * transaction ends so two requests cannot both use it; null for anything else, one answer for
 * every reason. Looked up by hash (an index probe reveals nothing about the secret), then
 * compared in constant time.
 */
export async function findUsableToken(tx: Executor, purpose: TokenPurpose, token: unknown, now = new Date()): Promise<OneTimeToken | null> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return null;
  const hash = hashToken(token);
  const [row] = await tx
    .select()
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.revokedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .for("update")
    .limit(1);
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, "hex"), Buffer.from(hash, "hex"))) return null;
  return row;
}

/** Marks a found token used; the caller does its work in the same transaction. */
export async function markTokenUsed(tx: Executor, tokenId: string, now = new Date()): Promise<void> {
  await tx.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, tokenId));
}

/** Finds and uses the token in one step: single use even under concurrent requests. */
export async function consumeToken(tx: Executor, purpose: TokenPurpose, token: unknown, now = new Date()): Promise<OneTimeToken | null> {
  const row = await findUsableToken(tx, purpose, token, now);
  if (row) await markTokenUsed(tx, row.id, now);
  return row;
}

/** Revokes the user's other unused tokens of a purpose (a new reset link voids the old ones). */
export async function revokeTokens(
  executor: Executor,
  where: { purpose: TokenPurpose; userId?: string; email?: string; id?: string },
  now = new Date(),
): Promise<number> {
  const conditions = [eq(oneTimeTokens.purpose, where.purpose), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt)];
  if (where.userId) conditions.push(eq(oneTimeTokens.userId, where.userId));
  if (where.email) conditions.push(eq(oneTimeTokens.email, where.email));
  if (where.id) conditions.push(eq(oneTimeTokens.id, where.id));
  const rows = await executor.update(oneTimeTokens).set({ revokedAt: now }).where(and(...conditions)).returning({ id: oneTimeTokens.id });
  return rows.length;
}

import "server-only";
import { and, count, gte, inArray, lt } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { resetRequests } from "@/db/schema";

export const LINK_REQUEST_WINDOW_MS = 60 * 60 * 1000;
export const MAX_LINK_REQUESTS = 5;

function keysFor(kind: string, email: string, client: string | null): string[] {
  const keys = [`${kind}:email:${email.toLowerCase()}`];
  if (client) keys.push(`${kind}:client:${client}`);
  return keys;
}

/**
 * Emailed links (password reset, magic link) at most 5 per hour per email and per client
 * (spec §12). Counts every request, known email or not, so the limit itself tells nothing.
 * Returns false when over the limit, and then records nothing.
 */
export async function takeLinkRequest(db: Executor, kind: "reset" | "magic", email: string, client: string | null, now = new Date()): Promise<boolean> {
  const keys = keysFor(kind, email, client);
  const since = new Date(now.getTime() - LINK_REQUEST_WINDOW_MS);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ key: resetRequests.key, n: count() })
      .from(resetRequests)
      .where(and(inArray(resetRequests.key, keys), gte(resetRequests.requestedAt, since)))
      .groupBy(resetRequests.key);
    if (rows.some((row) => row.n >= MAX_LINK_REQUESTS)) return false;
    await tx.insert(resetRequests).values(keys.map((key) => ({ key, requestedAt: now })));
    await tx.delete(resetRequests).where(lt(resetRequests.requestedAt, since));
    return true;
  });
}

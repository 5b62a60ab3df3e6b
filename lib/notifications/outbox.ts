import "server-only";
import { desc } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { outboxEmails } from "@/db/schema";
import { getEnv } from "@/lib/env";

/** Spec §6, §10: emails land in the outbox only without RESEND_API_KEY, and nobody sees it in production. */
export function isOutboxShown(): boolean {
  const env = getEnv();
  return !env.RESEND_API_KEY && env.NODE_ENV !== "production";
}

/** The development outbox shows every email of this installation, newest first. */
export async function listOutboxEmails(db: Executor, limit = 50) {
  return db.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit);
}

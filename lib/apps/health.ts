import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/index";
import { messagingApps } from "@/db/schema";

/** The settings page's health line: when the provider last reached us, and the last thing that went wrong. */
export async function recordWebhookReceived(db: Executor, appId: string, at = new Date()): Promise<void> {
  await db.update(messagingApps).set({ lastWebhookAt: at }).where(eq(messagingApps.id, appId));
}

export async function recordAppError(db: Executor, appId: string, message: string, at = new Date()): Promise<void> {
  await db
    .update(messagingApps)
    .set({ lastError: message.slice(0, 500), lastErrorAt: at })
    .where(eq(messagingApps.id, appId));
}

import "server-only";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { findAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";
import { PRESENCE_STATES, TYPING_REPEAT_MS } from "./timing";

export const presenceInputSchema = z.strictObject({ conversationId: z.uuid(), state: z.enum(PRESENCE_STATES) });
export type PresenceInput = z.infer<typeof presenceInputSchema>;

/** The same announcement from one user more often than this is dropped before it costs a query. */
const MIN_REPEAT_MS = TYPING_REPEAT_MS / 2;
const MAX_TRACKED = 10_000;

// Per process: a second instance has its own, which at worst lets a user through twice as often.
const lastAnnounced: Map<string, number> = ((globalThis as { __switchboardPresenceMarks?: Map<string, number> })
  .__switchboardPresenceMarks ??= new Map());

function isTooSoon(key: string, now: number): boolean {
  const last = lastAnnounced.get(key);
  if (last !== undefined && now - last < MIN_REPEAT_MS) return true;
  if (lastAnnounced.size >= MAX_TRACKED) {
    for (const [known, at] of lastAnnounced) if (now - at >= MIN_REPEAT_MS) lastAnnounced.delete(known);
  }
  lastAnnounced.set(key, now);
  return false;
}

/**
 * Spec §13 presence: tells everyone else with access to the conversation's app, on every
 * instance, that the user is viewing it, typing in it or has left. Nothing is stored: the
 * event rides the live channel (NOTIFY) and browsers expire it (lib/presence/timing.ts).
 * "left" is never throttled, so leaving shows at once.
 */
export async function announcePresence(
  db: Executor,
  actor: AccessSubject & { name: string },
  input: PresenceInput,
): Promise<Result<null, "not_found" | "rate_limited">> {
  if (input.state !== "left" && isTooSoon(`${actor.userId}:${input.conversationId}:${input.state}`, Date.now())) {
    return refuse("rate_limited");
  }
  const found = await findAccessibleConversation(db, actor, input.conversationId);
  if (!found) return refuse("not_found");
  await publishEvent(db, {
    type: "presence",
    workspaceId: found.conversation.workspaceId,
    appId: found.conversation.appId,
    conversationId: found.conversation.id,
    userId: actor.userId,
    name: actor.name.slice(0, 200),
    state: input.state,
  });
  return ok(null);
}

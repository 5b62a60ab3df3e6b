import "server-only";
import type { Executor } from "@/db/client";
import { ok, refuse, type Result } from "@/lib/result";
import { findAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { loadThreadPage } from "./queries";
import { decodeCursor } from "@/lib/keyset-cursor";

export type ThreadPage = Awaited<ReturnType<typeof loadThreadPage>>;

/** The page of messages before `before`, for scrolling back in a long thread. */
export async function loadOlderThreadItems(
  db: Executor,
  actor: AccessSubject,
  conversationId: string,
  before: string,
): Promise<Result<ThreadPage, "not_found" | "invalid_input">> {
  const cursor = decodeCursor(before);
  if (!cursor) return refuse("invalid_input");
  const found = await findAccessibleConversation(db, actor, conversationId);
  if (!found) return refuse("not_found");
  return ok(await loadThreadPage(db, found.conversation.id, cursor));
}

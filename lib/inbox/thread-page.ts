import "server-only";
import { getDb } from "@/db/index";
import { ok, refuse, type Result } from "@/lib/result";
import { findAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { loadThreadPage } from "./queries";
import { decodeCursor } from "./views";

export type ThreadPage = Awaited<ReturnType<typeof loadThreadPage>>;

/** The page of messages before `before`, for scrolling back in a long thread. */
export async function loadOlderThreadItems(
  actor: AccessSubject,
  conversationId: string,
  before: string,
): Promise<Result<ThreadPage, "not_found" | "invalid_input">> {
  const cursor = decodeCursor(before);
  if (!cursor) return refuse("invalid_input");
  const found = await findAccessibleConversation(await getDb(), actor, conversationId);
  if (!found) return refuse("not_found");
  return ok(await loadThreadPage(found.conversation.id, cursor));
}

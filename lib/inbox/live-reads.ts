import "server-only";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { findAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { conversationScope, countViews, listConversations, loadThreadPage } from "./queries";
import { MAX_ROWS_PER_FETCH, VIEWS } from "@/lib/views";

/**
 * The small reads a live inbox makes when an event arrives (issue 13): the rows an event
 * named, the counts, the open thread's newest page — each a fraction of a page render.
 * Inputs come from query strings; anything outside the schema is refused before a query runs.
 */
const appParam = z.uuid().nullable().catch(null);

export const rowsInput = z.object({
  view: z.enum(VIEWS),
  app: appParam,
  ids: z
    .string()
    .max(40 * MAX_ROWS_PER_FETCH)
    .transform((value) => value.split(","))
    .pipe(z.array(z.uuid()).min(1).max(MAX_ROWS_PER_FETCH)),
});

export async function readRows(db: Executor, subject: AccessSubject, input: z.infer<typeof rowsInput>) {
  const scope = await conversationScope(db, subject, input.app);
  const { rows } = await listConversations(db, subject, input.view, { scope, ids: input.ids, limit: input.ids.length });
  return rows;
}

export const countsInput = z.object({ app: appParam });

export async function readCounts(db: Executor, subject: AccessSubject, input: z.infer<typeof countsInput>) {
  return countViews(db, subject, input.app);
}

/**
 * The open conversation's newest page, read only (the thread marks itself read, useMarkRead).
 * Null when the conversation is unknown, deleted or out of the subject's reach.
 */
export async function readNewestThread(db: Executor, subject: AccessSubject, conversationId: string) {
  const found = await findAccessibleConversation(db, subject, conversationId);
  if (!found) return null;
  return loadThreadPage(db, found.conversation.id);
}

/** Query string → object, first value of each name. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

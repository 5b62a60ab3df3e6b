import "server-only";
import type { Executor } from "@/db/client";
import type { AccessSubject } from "@/lib/apps/access";
import { getConversationLinks, type ConversationLinks } from "./links";
import type { RecordRow } from "./record-kinds";
import { getRecord } from "./records";

export type CrmPanelData = { links: ConversationLinks; deal: RecordRow<"deal"> | null };

/**
 * The conversation's CRM panel: its linked records, and the linked deal's stage and value. For
 * a conversation the page has already found the subject may open; this checks no access again.
 */
export async function loadCrmPanel(db: Executor, subject: AccessSubject, conversationId: string): Promise<CrmPanelData> {
  const links = await getConversationLinks(db, subject, conversationId);
  const deal = links.deal ? await getRecord(db, subject, "deal", links.deal.id) : null;
  return { links, deal };
}

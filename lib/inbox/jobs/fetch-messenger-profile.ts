import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/index";
import { conversations, messagingApps } from "@/db/schema";
import { withCredentials } from "@/lib/apps/credentials";
import { fetchMessengerProfileName } from "@/lib/channels/messenger/profile";
import { defineJobHandler } from "@/lib/jobs/worker";
import { publishEvent } from "@/lib/realtime/bus";
import { FETCH_MESSENGER_PROFILE } from "./queues";

const payloadSchema = z.object({ conversationId: z.uuid() });

defineJobHandler(FETCH_MESSENGER_PROFILE, async (payload) => {
  const { conversationId } = payloadSchema.parse(payload);
  const db = await getDb();
  const [row] = await db
    .select({ conversation: conversations, app: messagingApps })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .where(and(eq(conversations.id, conversationId), isNull(conversations.deletedAt)))
    .limit(1);
  if (!row || row.app.provider !== "messenger" || row.app.uninstalledAt) return;
  const { conversation, app } = row;
  const found = withCredentials(app);
  if (found.provider !== "messenger") return;

  // Throws when Meta is unreachable (retried); null when Meta refuses (the PSID stays the name).
  const name = await fetchMessengerProfileName(found.credentials, conversation.externalContactId);
  if (!name) return;
  await db.transaction(async (tx) => {
    const renamed = await tx
      .update(conversations)
      .set({ contactName: name })
      // Only the PSID placeholder is replaced, never a name set since (by a webhook or a user's rename).
      .where(
        and(
          eq(conversations.id, conversation.id),
          eq(conversations.contactName, conversation.externalContactId),
          eq(conversations.isContactNameLocked, false),
        ),
      )
      .returning({ id: conversations.id });
    if (renamed.length > 0) {
      await publishEvent(tx, {
        type: "conversation.updated",
        workspaceId: conversation.workspaceId,
        appId: conversation.appId,
        conversationId: conversation.id,
        changes: ["contact"],
      });
    }
  });
});

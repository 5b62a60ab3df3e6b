import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { conversations, messagingApps } from "@/db/schema";
import { withCredentials } from "@/lib/apps/credentials";
import { fetchMessengerProfileName } from "@/lib/channels/messenger/profile";
import { defineJob } from "@/lib/jobs/define-job";
import { announceContactChange } from "./rename-contact";

/** Messenger webhooks carry no name: spec §3 wants the profile's, falling back to the PSID. */
export const fetchMessengerProfileJob = defineJob({
  queue: "messenger.fetch-profile",
  payload: z.object({ conversationId: z.uuid() }),
  dedupeKey: ({ conversationId }) => `messenger.fetch-profile:${conversationId}`,
  handle: async (db, { conversationId }) => {
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
      if (renamed.length > 0) await announceContactChange(tx, conversation);
    });
  },
});

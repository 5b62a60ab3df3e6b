import { z } from "zod";
import { deliveryStateEnum } from "@/db/schema";

/**
 * What changed, never the changed content: NOTIFY carries at most 7999 bytes, so events hold
 * ids and small fields and browsers refetch what they show (unread counts included).
 * `workspaceId` and `appId` let the live stream send each event only to users with access.
 */
const scope = { workspaceId: z.uuid(), appId: z.uuid() };

export const realtimeEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("conversation.created"), ...scope, conversationId: z.uuid() }),
  z.object({
    type: z.literal("conversation.updated"),
    ...scope,
    conversationId: z.uuid(),
    changes: z.array(z.enum(["status", "assignee", "lastActivity", "contact", "links", "snooze", "note"])).min(1),
  }),
  z.object({ type: z.literal("conversation.deleted"), ...scope, conversationId: z.uuid() }),
  z.object({ type: z.literal("message.created"), ...scope, conversationId: z.uuid(), messageId: z.uuid() }),
  z.object({
    type: z.literal("message.updated"),
    ...scope,
    conversationId: z.uuid(),
    messageId: z.uuid(),
    deliveryState: z.enum(deliveryStateEnum.enumValues),
  }),
  // A teammate's availability changed: open assignment menus refresh (spec §4).
  z.object({ type: z.literal("workspace.user_updated"), workspaceId: z.uuid(), userId: z.uuid() }),
  // Sent by database triggers (never by code) when who reaches what may have changed: a user's
  // activity or role, an app's access list, mode, installer or installation. Streams reload
  // their audience (lib/realtime/audience.ts); browsers never receive it. null = any workspace.
  z.object({ type: z.literal("access.changed"), workspaceId: z.uuid().nullable() }),
  // A user's sessions were revoked (sign-out, deactivation, password change): streams re-check
  // their own session and close. Never sent to a browser.
  z.object({ type: z.literal("session.revoked"), workspaceId: z.uuid(), userId: z.uuid() }),
  // Spec §13: who has a conversation open or is typing in it. Ephemeral: nothing is stored,
  // browsers drop an entry after PRESENCE_TTL_MS without a refresh (lib/presence/presence.ts).
  z.object({
    type: z.literal("presence"),
    ...scope,
    conversationId: z.uuid(),
    userId: z.uuid(),
    name: z.string().max(200),
    state: z.enum(["viewing", "typing", "left"]),
  }),
  z.object({
    type: z.literal("notification.toast"),
    workspaceId: z.uuid(),
    // null for toasts about no app, such as "Send a test notification".
    appId: z.uuid().nullable(),
    userId: z.uuid(),
    conversationId: z.uuid().nullable(),
    title: z.string().max(120),
    body: z.string().max(300),
  }),
]);

export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;

import { z } from "zod";

export const CONTACT_NAME_MAX = 120;

/** A contact's name as a user types it (issue 16): trimmed, 1–120 characters. Shared by the rename form and its action. */
export const contactNameSchema = z.string().trim().min(1).max(CONTACT_NAME_MAX);

export const renameContactSchema = z.object({ conversationId: z.uuid(), name: contactNameSchema });

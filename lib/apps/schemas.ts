import { z } from "zod";

/** Shared by the settings forms and the server actions, so both agree on every field. */
export const messengerCredentialsSchema = z.object({
  pageId: z.string().trim().regex(/^\d{1,30}$/, "page_id"),
  pageAccessToken: z.string().trim().min(10, "token").max(1000, "token"),
  appSecret: z.string().trim().min(8, "secret").max(200, "secret"),
});

export const whatsappCredentialsSchema = z.object({
  accountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, "account_sid"),
  authToken: z.string().trim().min(8, "token").max(200, "token"),
  sender: z.string().trim().regex(/^whatsapp:\+[1-9]\d{6,14}$/, "sender"),
});

const appName = z.string().trim().min(1, "name").max(80, "name");
const access = {
  accessMode: z.enum(["everyone", "chosen"]),
  memberIds: z.array(z.uuid()).max(500).default([]),
};

export const installAppSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("messenger"), name: appName, ...access, credentials: messengerCredentialsSchema }),
  z.object({ provider: z.literal("whatsapp"), name: appName, ...access, credentials: whatsappCredentialsSchema }),
]);
export type InstallAppInput = z.infer<typeof installAppSchema>;

/** Secrets left empty keep their saved value: the browser never sees them again (spec §2). */
const keepIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

export const updateAppSchema = z.object({
  appId: z.uuid(),
  name: appName,
  ...access,
  credentials: z
    .object({
      pageId: messengerCredentialsSchema.shape.pageId.optional(),
      pageAccessToken: keepIfEmpty(messengerCredentialsSchema.shape.pageAccessToken),
      appSecret: keepIfEmpty(messengerCredentialsSchema.shape.appSecret),
      accountSid: whatsappCredentialsSchema.shape.accountSid.optional(),
      authToken: keepIfEmpty(whatsappCredentialsSchema.shape.authToken),
      sender: whatsappCredentialsSchema.shape.sender.optional(),
    })
    .default({}),
});
export type UpdateAppInput = z.infer<typeof updateAppSchema>;

export const uninstallAppSchema = z.object({ appId: z.uuid() });

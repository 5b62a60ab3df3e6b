import type { MessagingApp } from "@/db/schema";
import type { AppWithCredentials, MessengerCredentials, WhatsappCredentials } from "@/lib/channels/types";
import { openJson, sealJson } from "@/lib/crypto/secret-box";
import { messengerCredentialsSchema, whatsappCredentialsSchema } from "./schemas";


/** Decrypts and checks an app's credentials; server-side only, never sent to a browser. */
export function withCredentials(app: MessagingApp): AppWithCredentials {
  const raw = openJson<unknown>(app.encryptedCredentials);
  return app.provider === "messenger"
    ? { provider: "messenger", app, credentials: messengerCredentialsSchema.parse(raw) }
    : { provider: "whatsapp", app, credentials: whatsappCredentialsSchema.parse(raw) };
}

export function sealCredentials(credentials: MessengerCredentials | WhatsappCredentials): string {
  return sealJson(credentials);
}

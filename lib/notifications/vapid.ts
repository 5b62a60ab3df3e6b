import webpush from "web-push";
import { getEnv } from "@/lib/env";
import { keptSecret } from "@/lib/runtime/data-dir";

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

/** VAPID keys from the environment, else generated on first start and kept under .data/ (spec §6). */
export function getVapidKeys(): VapidKeys {
  const env = getEnv();
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT };
  }
  const kept = JSON.parse(keptSecret("vapid.json", () => JSON.stringify(webpush.generateVAPIDKeys()))) as {
    publicKey: string;
    privateKey: string;
  };
  return { ...kept, subject: env.VAPID_SUBJECT };
}

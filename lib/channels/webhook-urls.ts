import type { Provider } from "@/db/schema";

/** The URLs an admin pastes into the provider's console (spec §8 routes). */
export function webhookUrls(provider: Provider, appId: string, baseUrl: string) {
  const base = `${baseUrl.replace(/\/+$/, "")}/api/webhooks/${provider}/${appId}`;
  return provider === "whatsapp"
    ? { webhookUrl: base, statusCallbackUrl: `${base}/status` }
    : { webhookUrl: base, statusCallbackUrl: null };
}

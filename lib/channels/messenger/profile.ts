import { z } from "zod";
import { callProvider, isRetryableStatus, type ProviderCallOptions } from "@/lib/channels/http";
import { graphUrl } from "@/lib/channels/messenger/graph";
import type { MessengerCredentials } from "@/lib/channels/types";

const profileSchema = z.object({ first_name: z.string().optional(), last_name: z.string().optional() });

/**
 * The contact's display name (PROVIDERS.md §6), or null when Meta won't say (no permission,
 * unknown PSID, empty name). Throws when Meta can't be reached or answers 429/5xx, so a job can
 * retry later instead of recording "no name".
 */
export async function fetchMessengerProfileName(
  credentials: MessengerCredentials,
  psid: string,
  options?: ProviderCallOptions,
): Promise<string | null> {
  const url = graphUrl(encodeURIComponent(psid), {
    fields: "first_name,last_name",
    access_token: credentials.pageAccessToken,
  });
  const call = await callProvider("Messenger", url, { method: "GET", headers: { accept: "application/json" } }, options);
  if (!call.ok) throw new Error(`Messenger profile lookup failed: ${call.outcome.reason}`);
  const { status, body } = call.response;
  if (isRetryableStatus(status)) throw new Error(`Messenger profile lookup failed: HTTP ${status}`);
  if (status < 200 || status >= 300) return null;
  const parsed = profileSchema.safeParse(body);
  if (!parsed.success) return null;
  const name = [parsed.data.first_name, parsed.data.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(" ");
  return name || null;
}

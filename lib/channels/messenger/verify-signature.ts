import { constantTimeEqual } from "@/lib/crypto/constant-time";
import { signMessengerBody } from "@/lib/channels/messenger/sign";

/** Checks `X-Hub-Signature-256` over the raw body, before any JSON parsing (PROVIDERS.md §5.2). */
export function verifyMessengerSignature(
  rawBody: Buffer | string,
  header: string | null,
  appSecret: string,
): boolean {
  // An empty secret would let anyone compute a valid signature.
  if (!header || !appSecret) return false;
  return constantTimeEqual(header, signMessengerBody(rawBody, appSecret));
}

import { constantTimeEqual } from "@/lib/crypto/constant-time";

/** Meta's GET subscription handshake (PROVIDERS.md §5.1): answer 200 with `challenge`, else 403. */
export function checkVerification(
  params: URLSearchParams,
  verifyToken: string,
): { ok: true; challenge: string } | { ok: false } {
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (params.get("hub.mode") !== "subscribe" || !verifyToken || token === null || !challenge) {
    return { ok: false };
  }
  return constantTimeEqual(token, verifyToken) ? { ok: true, challenge } : { ok: false };
}

import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { constantTimeEqual } from "@/lib/crypto/constant-time";
import { secretKey } from "@/lib/crypto/secret-box";
import { appUrl } from "@/lib/env";

/*
 * SPEC §14: providers fetch an agent's attachment by URL, so the link itself is the permission:
 * `/api/files/{id}?signature={expires}.{hmac}`. The HMAC covers the id and the expiry, so neither
 * can be changed; its key is derived from the app secret for this use alone.
 */

/** Long enough for Twilio's and Meta's fetch and their retries; short enough that a leaked link dies. */
export const FILE_LINK_TTL_MS = 60 * 60 * 1000;

function linkKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", secretKey(), Buffer.alloc(0), "switchboard file links v1", 32));
}

function mac(fileId: string, expiresSeconds: number): string {
  return createHmac("sha256", linkKey()).update(`${fileId}.${expiresSeconds}`).digest("base64url");
}

export function fileSignature(fileId: string, now = new Date(), ttlMs = FILE_LINK_TTL_MS): string {
  const expires = Math.floor((now.getTime() + ttlMs) / 1000);
  return `${expires}.${mac(fileId, expires)}`;
}

/** The absolute link a provider fetches the file from. */
export function signedFileUrl(fileId: string, now = new Date()): string {
  return `${appUrl()}/api/files/${fileId}?signature=${encodeURIComponent(fileSignature(fileId, now))}`;
}

export type SignatureCheck = "valid" | "invalid" | "expired";

export function checkFileSignature(fileId: string, signature: string, now = new Date()): SignatureCheck {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(signature);
  if (!match) return "invalid";
  const expires = Number(match[1]);
  if (!constantTimeEqual(match[2]!, mac(fileId, expires))) return "invalid";
  return expires * 1000 > now.getTime() ? "valid" : "expired";
}

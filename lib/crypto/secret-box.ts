import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";
import { keptSecret } from "@/lib/runtime/data-dir";

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The app's 32-byte secret; other uses derive their own key from it (lib/files/signed-link.ts). */
export function secretKey(): Buffer {
  const hex =
    getEnv().APP_SECRET_KEY ?? keptSecret("app-secret-key", () => randomBytes(32).toString("hex"));
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error("The kept app-secret-key is not 64 hex characters; fix or remove the file");
  }
  return Buffer.from(hex, "hex");
}

/** Encrypts JSON-serialisable data (credentials at rest, spec §2) as `v1.<iv>.<tag>.<ciphertext>`. */
export function sealJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error("sealJson: the value has no JSON representation");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, secretKey(), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(json, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, ...[iv, tag, ciphertext].map((part) => part.toString("base64url"))].join(".");
}

/**
 * Node's base64 decoder skips characters it doesn't know and ignores spare bits, so two
 * different strings can decode to the same bytes. Requiring the canonical form makes any
 * edit of the sealed text fail, not only edits that change the bytes.
 */
function decodeCanonical(part: string): Buffer {
  const bytes = Buffer.from(part, "base64url");
  if (bytes.toString("base64url") !== part) throw new Error("openJson: sealed value is not valid base64url");
  return bytes;
}

/** Decrypts a value from `sealJson`; throws if it was altered or sealed with another key. */
export function openJson<T>(sealed: string): T {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new Error("openJson: not a v1 sealed value");
  }
  const [iv, tag, ciphertext] = parts.slice(1).map(decodeCanonical);
  // A shorter GCM tag would be accepted by Node unless pinned, weakening the integrity check.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error("openJson: sealed value has a wrong IV or tag length");
  }
  const decipher = createDecipheriv(ALGORITHM, secretKey(), iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  const json = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  return JSON.parse(json) as T;
}

import { createHmac } from "node:crypto";

/** The `X-Hub-Signature-256` value Meta sends: `sha256=` + lower-case hex HMAC of the raw bytes. */
export function signMessengerBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

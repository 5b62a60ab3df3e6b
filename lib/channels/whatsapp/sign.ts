import { createHmac } from "node:crypto";
import type { FormParams } from "@/lib/channels/whatsapp/form";

/** twilio-node's `toFormUrlEncodedParam`: a repeated name signs its distinct values, sorted. */
function signedPart(name: string, value: string | string[]): string {
  if (typeof value === "string") return name + value;
  return [...new Set(value)]
    .sort()
    .map((item) => name + item)
    .join("");
}

/**
 * `X-Twilio-Signature` for `url` exactly as given (PROVIDERS.md §1.1): the URL, then each POST
 * parameter's name and decoded value in sorted name order, HMAC-SHA1 with the auth token, base64.
 */
export function signTwilioRequest(authToken: string, url: string, params: FormParams): string {
  const data = Object.keys(params)
    .sort()
    .reduce((signed, name) => signed + signedPart(name, params[name]), url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

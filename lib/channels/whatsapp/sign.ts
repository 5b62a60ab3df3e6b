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
  return signTwilioParts(authToken, url, signedParams(params));
}

/** The parameters' part of the signed text: built once when several URL forms are tried. */
export function signedParams(params: FormParams): string {
  return Object.keys(params)
    .sort()
    .map((name) => signedPart(name, params[name]!))
    .join("");
}

export function signTwilioParts(authToken: string, url: string, paramsPart: string | Buffer): string {
  return createHmac("sha1", authToken).update(url, "utf8").update(typeof paramsPart === "string" ? Buffer.from(paramsPart, "utf8") : paramsPart).digest("base64");
}

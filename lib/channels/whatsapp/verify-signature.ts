import { stringify, parse } from "node:querystring";
import { constantTimeEqual } from "@/lib/crypto/constant-time";
import type { FormParams } from "@/lib/channels/whatsapp/form";
import { signedParams, signTwilioParts } from "@/lib/channels/whatsapp/sign";

function withoutPort(url: URL): string {
  const copy = new URL(url);
  copy.port = "";
  return copy.toString();
}

/** `new URL()` drops a default port, so the `:443`/`:80` form is assembled by hand (as twilio-node does). */
function withPort(url: URL): string {
  if (url.port) return url.toString();
  const port = url.protocol === "https:" ? ":443" : ":80";
  const credentials = url.username || url.password ? `${url.username}${url.password ? `:${url.password}` : ""}@` : "";
  return `${url.protocol}//${credentials}${url.host}${port}${url.pathname}${url.search}${url.hash}`;
}

/** Twilio sometimes signs the query as Node's legacy `querystring` re-serialises it (space as `%20`, `'` kept). */
function withLegacyQuery(url: string): string {
  const parsed = new URL(url);
  if (!parsed.search) return url;
  const query = parse(parsed.search.slice(1));
  parsed.search = "";
  return `${parsed.toString()}?${stringify(query)}`;
}

/**
 * twilio-node's `validateRequest` (PROVIDERS.md §1.2): Twilio's own signing is inconsistent
 * about ports and query encoding, so the URL with and without its default port, each with
 * and without the legacy query encoding, are all accepted. The URL exactly as given is tried
 * too: `new URL()` turns `'` into `%27`, and twilio-node's own vector for a query with `'` is
 * computed over the raw string.
 */
export function verifyTwilioSignature(
  authToken: string,
  header: string | null,
  url: string,
  params: FormParams,
): boolean {
  // An empty token would let anyone compute a valid signature.
  if (!header || !authToken) return false;
  const parsed = new URL(url);
  const normalised = [withoutPort(parsed), withPort(parsed)];
  const candidates = new Set([url, ...normalised, ...normalised.map(withLegacyQuery)]);
  const paramsPart = Buffer.from(signedParams(params), "utf8");
  return [...candidates].some((candidate) => constantTimeEqual(header, signTwilioParts(authToken, candidate, paramsPart)));
}

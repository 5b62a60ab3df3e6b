/**
 * Which URLs the server will POST a push to (SPEC §15). A browser hands us its endpoint, so
 * without this rule any signed-in user could make the server call internal hosts on every
 * notification. Only https, only the push services browsers use, plus PUSH_SERVICE_HOSTS.
 */

/** The push services of Chrome/Edge-on-Android (FCM), Firefox (autopush), Safari (APNs) and Edge (WNS). */
export const KNOWN_PUSH_SERVICE_HOSTS = [
  "fcm.googleapis.com",
  "updates.push.services.mozilla.com",
  "*.push.services.mozilla.com",
  "*.push.apple.com",
  "*.notify.windows.com",
] as const;

export type PushEndpointRefusal = "not_https" | "not_a_push_service" | "malformed";

type Rule = { host: string; wildcard: boolean; port: string | null };

/** `host`, `*.domain` or `host:port` (IPv6 in brackets); lower-cased. */
function ruleOf(entry: string): Rule | null {
  const value = entry.trim().toLowerCase();
  if (!value) return null;
  const match = /^(\*\.)?(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return null;
  return { wildcard: Boolean(match[1]), host: match[2]!, port: match[3] ?? null };
}

function rulesFrom(env: Record<string, string | undefined>): Rule[] {
  const extra = (env.PUSH_SERVICE_HOSTS ?? "").split(",");
  // The known services are matched on the default port only; a listed host without a port on any.
  const known = KNOWN_PUSH_SERVICE_HOSTS.map((host) => ({ ...ruleOf(host)!, port: "" }));
  return [...known, ...extra.map(ruleOf).filter((rule): rule is Rule => rule !== null)];
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const isAddressLiteral = (host: string) => IPV4.test(host) || host.startsWith("[");

function matches(rule: Rule, host: string, port: string): boolean {
  if (rule.port !== null && rule.port !== port) return false;
  if (!rule.wildcard) return rule.host === host;
  // `*.push.apple.com` covers `api.push.apple.com`, never `push.apple.com.evil.example`.
  return host.endsWith(`.${rule.host}`) && !isAddressLiteral(host);
}

/**
 * Null when the server may push to `endpoint`. Address literals (127.0.0.1, [::1], 10.0.0.5)
 * and names like `localhost` pass only when PUSH_SERVICE_HOSTS names them exactly; the URL
 * parser has already turned `https://2130706433/` and friends into their dotted form.
 */
export function pushEndpointRefusal(endpoint: string, env: Record<string, string | undefined> = process.env): PushEndpointRefusal | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "malformed";
  }
  if (url.protocol !== "https:") return "not_https";
  if (url.username || url.password) return "malformed";
  const host = url.hostname.toLowerCase();
  const allowed = rulesFrom(env).some((rule) => matches(rule, host, url.port));
  return allowed ? null : "not_a_push_service";
}

import { appUrl } from "@/lib/env";
import { HOME_PATH } from "@/lib/paths";

/** Where a sign-in lands when it was given no usable target. */
export const DEFAULT_AFTER_SIGN_IN = HOME_PATH;

// C0 and C1 controls, DEL. Browsers strip tabs and newlines from URLs, so `/\t/evil.example`
// becomes `//evil.example` on the way out: none may survive into a Location header.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The forms a path takes as the layers after us decode it (proxies, the browser): `%09`, a
 * doubly encoded `%2509` and `%5c` all show their real character in one of them.
 */
function decodings(value: string): string[] | null {
  const forms = [value];
  let current = value;
  for (let round = 0; round < 3 && current.includes("%"); round += 1) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null; // a malformed escape: nothing a legitimate link of ours contains
    }
    forms.push(current);
  }
  return forms;
}

function isHostileForm(form: string): boolean {
  return CONTROL.test(form) || form.includes("\\") || form.startsWith("//") || !form.startsWith("/");
}

/**
 * Only paths of the app itself, resolved against APP_URL and compared by origin:
 * `//x`, `/\x`, `/%09/x`, `https://x`, `javascript:` and anything else land on the inbox.
 * Returns the path with its query and fragment, never an absolute URL.
 */
export function safeCallbackPath(value: unknown, base: string = appUrl()): string {
  if (typeof value !== "string" || value.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  const forms = decodings(value);
  if (!forms || forms.some(isHostileForm)) return DEFAULT_AFTER_SIGN_IN;
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (resolved.origin !== new URL(base).origin) return DEFAULT_AFTER_SIGN_IN;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/**
 * Auth.js's `redirect` callback: it hands over absolute URLs on the origin the request came
 * to (`baseUrl`), and paths or foreign URLs from a `callbackUrl` parameter or cookie. Absolute
 * URLs on our own origin become paths and go through the same check; anything else is the inbox.
 */
export function safeAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  let path = url;
  if (!url.startsWith("/")) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    const ours = parsed && [new URL(baseUrl).origin, new URL(appUrl()).origin].includes(parsed.origin);
    path = ours && parsed ? `${parsed.pathname}${parsed.search}${parsed.hash}` : DEFAULT_AFTER_SIGN_IN;
  }
  return `${baseUrl.replace(/\/+$/, "")}${safeCallbackPath(path, baseUrl)}`;
}

/** Only same-site paths: an attacker's `callbackUrl=https://evil.example` lands on the inbox instead. */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return "/messaging/unassigned";
  }
  return value;
}

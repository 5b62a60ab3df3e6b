import type { Refusal } from "./refusals";

/** Values the refusal's text needs, e.g. `{ name: "Bob" }` for "Bob is unavailable…". */
export type RefusalParams = Record<string, string | number>;

export type Result<T, Reason extends string> =
  | { ok: true; value: T }
  | { ok: false; reason: Reason; params?: RefusalParams };

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const refuse = <Reason extends Refusal>(reason: Reason, params?: RefusalParams) =>
  params ? { ok: false as const, reason, params } : { ok: false as const, reason };

export type Result<T, Reason extends string> = { ok: true; value: T } | { ok: false; reason: Reason };

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const refuse = <Reason extends string>(reason: Reason) => ({ ok: false as const, reason });

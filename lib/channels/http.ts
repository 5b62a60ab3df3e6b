import type { SendOutcome } from "@/lib/channels/types";

export type ProviderCallOptions = { timeoutMs?: number; fetchImpl?: typeof fetch };
export type ProviderResponse = { status: number; body: unknown };
type CallFailure = Extract<SendOutcome, { kind: "transient" | "unknown" }>;

const DEFAULT_TIMEOUT_MS = 10_000;

/** Failures that happen before a connection exists, so the provider cannot have the request. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function codeOf(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** undici puts the system error in `cause`; with several addresses tried it is an AggregateError. */
function systemErrorCodes(error: unknown): string[] {
  const cause = (error as { cause?: unknown }).cause;
  const nested = cause instanceof AggregateError ? cause.errors : [];
  return [cause, ...nested].map(codeOf).filter((code) => code !== undefined);
}

/**
 * Sorts a failed provider call into `transient` (certainly not delivered, safe to retry) or
 * `unknown` (the request may have arrived; retrying could send the message twice, spec §8).
 * Anything that isn't a network failure or timeout is a bug and is rethrown.
 */
export function classifyFetchFailure(provider: string, error: unknown, timeoutMs: number): CallFailure {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return { kind: "unknown", reason: `${provider} did not answer within ${timeoutMs} ms; the message may have been sent` };
  }
  if (!(error instanceof TypeError) || error.cause === undefined) throw error;
  const codes = systemErrorCodes(error);
  const detail = codes[0] ?? error.message;
  if (codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code))) {
    return { kind: "transient", reason: `Could not reach ${provider} (${detail})` };
  }
  return { kind: "unknown", reason: `Connection to ${provider} failed mid-request (${detail}); the message may have been sent` };
}

/** 429 and 5xx mean "not now": the provider did not take the message. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Proxies and load balancers answer HTML; callers treat `null` as "no details given".
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

/** One HTTP call to a provider; network failures come back as an outcome instead of throwing. */
export async function callProvider(
  provider: string,
  url: URL,
  init: RequestInit,
  options: ProviderCallOptions = {},
): Promise<{ ok: true; response: ProviderResponse } | { ok: false; outcome: CallFailure }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = options.fetchImpl ?? fetch;
  try {
    const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = parseJsonOrNull(await response.text());
    return { ok: true, response: { status: response.status, body } };
  } catch (error) {
    return { ok: false, outcome: classifyFetchFailure(provider, error, timeoutMs) };
  }
}

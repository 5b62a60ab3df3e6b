import type { SignedRequest } from "@/lib/webhooks/signed-requests";
import { percentile } from "./stats";

export type Outcome = { status: number | "error"; ms: number; detail?: string };

export async function fire(request: SignedRequest): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
    const detail = response.status === 200 ? undefined : (await response.text()).slice(0, 200);
    if (detail === undefined) await response.body?.cancel();
    return { status: response.status, ms: performance.now() - started, detail };
  } catch (error) {
    return { status: "error", ms: performance.now() - started, detail: (error as Error).message };
  }
}

/** Sends every request with at most `limit` in flight, in list order. */
export async function fireAll(requests: SignedRequest[], limit: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(requests.length);
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const index = next++;
      outcomes[index] = await fire(requests[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, requests.length) }, lane));
  return outcomes;
}

export type RoundFigures = { requests: number; seconds: number; perSecond: number; p50Ms: number; p99Ms: number; non200: number; firstFailure?: string };

/** Fires one timed round and summarises it. */
export async function timedRound(requests: SignedRequest[], concurrency: number): Promise<RoundFigures> {
  const started = performance.now();
  const outcomes = await fireAll(requests, concurrency);
  const seconds = (performance.now() - started) / 1000;
  const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const failures = outcomes.filter((o) => o.status !== 200);
  return {
    requests: requests.length,
    seconds,
    perSecond: requests.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    non200: failures.length,
    firstFailure: failures[0] ? `${failures[0].status} ${failures[0].detail ?? ""}` : undefined,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

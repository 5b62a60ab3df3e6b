import type { View } from "@/lib/views";

/**
 * Counts are exact up to COUNT_CAP; above it the view shows "999+". Each count reads at most
 * COUNT_CAP + 1 index entries per app (queries.ts), so it costs the same at 10k and at 1M
 * conversations and needs no counter that every writer would have to keep (docs/decisions.md).
 */
export const COUNT_CAP = 999;

export type ViewCounts = Record<View, number>;

export function formatCount(count: number): string {
  return count > COUNT_CAP ? `${COUNT_CAP}+` : String(count);
}

import type { DeliveryState } from "@/db/schema";

export type OutboundState = Exclude<DeliveryState, "received">;

const PROGRESS: OutboundState[] = ["pending", "sent", "delivered", "read"];

/**
 * The states an outbound message may move to `target` from. Progress only goes forward
 * (callbacks arrive out of order: a late "delivered" never undoes "read"), and "failed" is
 * final once reached, so a late "sent" never hides a provider's refusal.
 */
export function advanceableFrom(target: OutboundState): OutboundState[] {
  if (target === "failed") return ["pending", "sent"];
  return PROGRESS.slice(0, PROGRESS.indexOf(target));
}

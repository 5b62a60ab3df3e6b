import "server-only";
import type { Executor } from "@/db/client";
import { eventNotification } from "@/lib/realtime/bus";
import { deliverEventOnce, type DeliveryClaim } from "./deliveries";
import { pushToUser, type PushPayload } from "./send-push";

/**
 * Desktop delivery to one user (spec §6): the in-app toast for their open tabs and a web push
 * to each of their browsers, each exactly once under `deliveryKey`.
 */
export async function notifyDesktop(
  db: Executor,
  deliveryKey: string,
  claim: DeliveryClaim & { workspaceId: string; appId: string | null },
  payload: PushPayload,
  /** From loadCandidates: false spares looking up browsers that are not there. */
  recipient: { hasPushSubscription: boolean } = { hasPushSubscription: true },
): Promise<void> {
  await deliverEventOnce(
    db,
    `${deliveryKey}:toast`,
    claim,
    eventNotification({
      type: "notification.toast",
      workspaceId: claim.workspaceId,
      appId: claim.appId,
      userId: claim.userId,
      conversationId: claim.conversationId,
      title: payload.title.slice(0, 120),
      body: payload.body.slice(0, 300),
    }),
  );
  if (recipient.hasPushSubscription) await pushToUser(db, deliveryKey, claim, payload);
}

import "server-only";
import { getDb } from "@/db/index";
import { publishEvent } from "@/lib/realtime/bus";
import { claimDelivery, finishDelivery, type DeliveryClaim } from "./deliveries";
import { pushToUser, type PushPayload } from "./send-push";

/**
 * Desktop delivery to one user (spec §6): the in-app toast for their open tabs and a web push
 * to each of their browsers, each exactly once under `deliveryKey`.
 */
export async function notifyDesktop(
  deliveryKey: string,
  claim: DeliveryClaim & { workspaceId: string; appId: string | null },
  payload: PushPayload,
): Promise<void> {
  const toastKey = `${deliveryKey}:toast`;
  if (await claimDelivery(toastKey, claim)) {
    await publishEvent(await getDb(), {
      type: "notification.toast",
      workspaceId: claim.workspaceId,
      appId: claim.appId,
      userId: claim.userId,
      conversationId: claim.conversationId,
      title: payload.title.slice(0, 120),
      body: payload.body.slice(0, 300),
    });
    await finishDelivery(toastKey, "sent");
  }
  await pushToUser(deliveryKey, claim, payload);
}

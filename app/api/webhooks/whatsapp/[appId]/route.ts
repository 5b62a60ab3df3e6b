import { getDb } from "@/db/index";
import { whatsappInboundWebhook } from "@/lib/channels/whatsapp/webhook";
import { observedWebhook } from "@/lib/observability/route";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

export const POST = observedWebhook(
  "whatsapp",
  "webhooks.whatsapp",
  async (request: Request, { params }: { params: Promise<{ appId: string }> }) =>
    receiveWebhook(await getDb(), request, (await params).appId, whatsappInboundWebhook),
);

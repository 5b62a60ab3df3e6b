import { whatsappInboundWebhook } from "@/lib/channels/whatsapp/webhook";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ appId: string }> }) {
  return receiveWebhook(request, (await params).appId, whatsappInboundWebhook);
}

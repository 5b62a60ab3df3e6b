import { getDb } from "@/db/index";
import { findInstalledApp } from "@/lib/apps/installed-app";
import { checkVerification } from "@/lib/channels/messenger/verify-challenge";
import { messengerWebhook } from "@/lib/channels/messenger/webhook";
import { observedRoute, observedWebhook } from "@/lib/observability/route";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ appId: string }> };

/** Meta's subscription check (spec §8): echo hub.challenge for the right verify token. */
export const GET = observedRoute("webhooks.messenger.verify", async (request: Request, { params }: Context) => {
  const db = await getDb();
  const found = await findInstalledApp(db, (await params).appId, "messenger");
  if (!found) return new Response("Not found", { status: 404 });
  const check = checkVerification(new URL(request.url).searchParams, found.app.verifyToken ?? "");
  if (!check.ok) return new Response("Forbidden", { status: 403 });
  return new Response(check.challenge, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
});

export const POST = observedWebhook("messenger", "webhooks.messenger", async (request: Request, { params }: Context) =>
  receiveWebhook(await getDb(), request, (await params).appId, messengerWebhook),
);

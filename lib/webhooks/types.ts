import type { Provider } from "@/db/schema";
import type { AppWithCredentials } from "@/lib/apps/credentials";
import type { ParseResult } from "@/lib/channels/types";

/** How one provider's webhook is checked and read; receive-webhook.ts runs the steps around it. */
export type WebhookChannel = {
  provider: Provider;
  isSigned(found: AppWithCredentials, rawBody: Buffer, request: Request): boolean;
  parse(found: AppWithCredentials, rawBody: Buffer): ParseResult;
};

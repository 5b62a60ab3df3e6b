import type { Provider } from "@/db/schema";
import type { AppWithCredentials } from "@/lib/apps/credentials";
import type { ParseFailure, ParseResult } from "@/lib/channels/types";

/** How one provider's webhook is checked and read; receive-webhook.ts runs the steps around it. */
export type WebhookChannel = {
  provider: Provider;
  /** Cheap, linear bounds on the raw body, checked before the signature (SPEC §15). */
  refuseUnsigned?(rawBody: Buffer): ParseFailure | null;
  isSigned(found: AppWithCredentials, rawBody: Buffer, request: Request): boolean;
  parse(found: AppWithCredentials, rawBody: Buffer): ParseResult;
};

import "server-only";
import { Resend } from "resend";
import type { Executor } from "@/db/client";
import { outboxEmails } from "@/db/schema";
import { getEnv } from "@/lib/env";

export type OutgoingEmail = { to: string; subject: string; html: string; text: string; idempotencyKey: string };

/** Resend's answers that a later try can fix; anything else is a final refusal. */
const RETRYABLE = new Set(["rate_limit_exceeded", "application_error", "internal_server_error", "concurrent_idempotent_requests"]);

export class EmailRefusedError extends Error {
  override name = "EmailRefusedError";
}

/**
 * Through Resend when RESEND_API_KEY is set (RESEND_BASE_URL points the SDK elsewhere, e.g. a
 * test stand-in), else into the local outbox shown at /dev/outbox (spec §6). The idempotency key
 * makes Resend drop a repeat of the same email.
 */
export async function sendEmail(db: Executor, email: OutgoingEmail): Promise<void> {
  const env = getEnv();
  if (!env.RESEND_API_KEY) {
    await db.insert(outboxEmails).values({ to: email.to, from: env.EMAIL_FROM, subject: email.subject, html: email.html, text: email.text });
    return;
  }
  const resend = new Resend(env.RESEND_API_KEY);
  const { error } = await resend.emails.send(
    { from: env.EMAIL_FROM, to: email.to, subject: email.subject, html: email.html, text: email.text },
    { idempotencyKey: email.idempotencyKey.slice(0, 256) },
  );
  if (!error) return;
  if (RETRYABLE.has(error.name)) throw new Error(`Resend: ${error.name}: ${error.message}`);
  throw new EmailRefusedError(`Resend refused the email: ${error.name}: ${error.message}`);
}

import "server-only";
import { render } from "@react-email/render";
import { NoticeEmail } from "@/components/emails/notice-email";
import type { Executor } from "@/db/client";
import { appUrl } from "@/lib/env";
import { claimDelivery, finishDelivery, type DeliveryClaim } from "./deliveries";
import { sendEmail } from "./send-email";

export type EmailNotice = {
  to: string;
  subject: string;
  heading: string;
  body: string;
  /** The app path the email's button opens. */
  path: string;
  copy: { preview: string; footer: string; cta: string };
};

/**
 * One notice email, sent at most once per delivery key (`<key>:email`): claimed first, so a
 * retried job sends nothing twice, and marked sent after the provider took it.
 */
export async function emailNotice(db: Executor, deliveryKey: string, claim: Omit<DeliveryClaim, "channel">, notice: EmailNotice): Promise<void> {
  const emailKey = `${deliveryKey}:email`;
  if (!(await claimDelivery(db, emailKey, { ...claim, channel: "email" }))) return;
  const email = <NoticeEmail copy={notice.copy} heading={notice.heading} body={notice.body} url={`${appUrl()}${notice.path}`} />;
  await sendEmail(db, {
    to: notice.to,
    subject: notice.subject,
    html: await render(email),
    text: await render(email, { plainText: true }),
    idempotencyKey: emailKey,
  });
  await finishDelivery(db, emailKey, "sent");
}

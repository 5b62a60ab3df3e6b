import "server-only";
import { render } from "@react-email/render";
import type { Executor } from "@/db/client";
import { LinkEmail } from "@/components/emails/link-email";
import { appUrl } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/translator";
import { sendEmail } from "@/lib/notifications/send-email";
import { tokenHref } from "@/lib/paths";

export type AccountEmailKind = "invitation" | "passwordReset" | "magicLink" | "emailChange";

export function accountLink(kind: AccountEmailKind, token: string): string {
  return `${appUrl()}${tokenHref(kind, token)}`;
}

/**
 * Sends one of the account emails (spec §12) in `locale`, its texts under `accountEmails.<kind>`
 * with `values` (company, inviter…). Returns the link, which the invitation dialog also shows.
 */
export async function sendAccountEmail(db: Executor, input: {
  kind: AccountEmailKind;
  to: string;
  token: string;
  locale: string | null | undefined;
  values?: Record<string, string>;
  idempotencyKey: string;
}): Promise<string> {
  const url = accountLink(input.kind, input.token);
  const { t } = await translatorFor(input.locale);
  const values = input.values ?? {};
  const key = `accountEmails.${input.kind}` as const;
  const email = (
    <LinkEmail
      copy={{ preview: t(`${key}.preview`, values), footer: t(`${key}.footer`, values), cta: t(`${key}.cta`, values) }}
      heading={t(`${key}.heading`, values)}
      paragraphs={[t(`${key}.body`, values)]}
      url={url}
    />
  );
  await sendEmail(db, {
    to: input.to,
    subject: t(`${key}.subject`, values),
    html: await render(email),
    text: await render(email, { plainText: true }),
    idempotencyKey: input.idempotencyKey,
  });
  return url;
}

import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import {
  CLIENT_SCOPES,
  pickMessages,
  type ClientScope,
} from "@/lib/i18n/client-namespaces";
import type { Messages } from "@/lib/i18n/messages";

/** Gives the client components below it only their scope's texts (lib/i18n/client-namespaces.ts). */
export async function ClientMessages({
  scope,
  children,
}: {
  scope: ClientScope;
  children: React.ReactNode;
}) {
  const messages = (await getMessages()) as Messages;
  return (
    <NextIntlClientProvider
      messages={pickMessages(messages, CLIENT_SCOPES[scope])}
    >
      {children}
    </NextIntlClientProvider>
  );
}

import type { Metadata } from "next";
import { connection } from "next/server";
import { getLocale } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { TimeZoneReporter } from "@/components/time-zone-reporter";
import "./globals.css";

export const metadata: Metadata = { title: "Switchboard", description: "The shared messaging inbox for your sales CRM" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (middleware.ts),
  // which a page prerendered at build time could not.
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <ClientMessages scope="public">
          {children}
          <TimeZoneReporter />
        </ClientMessages>
      </body>
    </html>
  );
}

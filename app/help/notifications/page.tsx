import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Logo } from "@/components/ui/logo";
import { getEnv } from "@/lib/env";
import { HOME_PATH } from "@/lib/paths";

const SECTIONS = ["test", "blocked", "unsupported", "focus", "email"] as const;
const BROWSERS = ["chrome", "edge", "firefox", "safari"] as const;
const STEPS = ["step1", "step2", "step3"] as const;

const strong = (chunks: React.ReactNode) => <strong className="font-semibold text-ink">{chunks}</strong>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("help.notifications");
  return { title: `${t("metaTitle")} · Switchboard` };
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-6 rounded-xl border border-line bg-white p-5 sm:p-6">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      <div className="mt-3 flex flex-col gap-3 text-sm leading-6 text-muted">{children}</div>
    </section>
  );
}

function Bullets({ items }: { items: React.ReactNode[] }) {
  return (
    <ul className="flex flex-col gap-2">
      {items.map((item, index) => (
        <li key={index} className="flex gap-2.5">
          <span aria-hidden="true" className="mt-2.5 h-1.5 w-1.5 shrink-0 rounded-full bg-brand-500" />
          <span>{item}</span>
        </li>
      ))}
    </ul>
  );
}

function Steps({ items }: { items: React.ReactNode[] }) {
  return (
    <ol className="flex flex-col gap-2">
      {items.map((item, index) => (
        <li key={index} className="flex gap-2.5">
          <span
            aria-hidden="true"
            className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700"
          >
            {index + 1}
          </span>
          <span>{item}</span>
        </li>
      ))}
    </ol>
  );
}

/** Spec §6: the troubleshooting page the notification settings link to. Public: no sign-in needed. */
export default async function NotificationHelpPage() {
  const t = await getTranslations("help.notifications");
  return (
    <div className="min-h-full">
      <header className="border-b border-line bg-white">
        <div className="mx-auto flex h-14 max-w-3xl items-center gap-3 px-4">
          <Link href={HOME_PATH} className="flex items-center gap-2 font-semibold">
            <Logo className="h-7 w-7" />
            Switchboard
          </Link>
          <Link href={HOME_PATH} className="ml-auto text-sm text-brand-600 hover:underline">
            {t("backToInbox")}
          </Link>
        </div>
      </header>

      <main className="mx-auto flex max-w-3xl flex-col gap-5 px-4 py-8 sm:py-10">
        <div>
          <p className="text-sm font-semibold text-brand-600">{t("eyebrow")}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-2 max-w-2xl text-muted">{t("intro")}</p>
        </div>

        <nav aria-label={t("toc")}>
          <ul className="flex flex-wrap gap-2">
            {SECTIONS.map((section) => (
              <li key={section}>
                <a
                  href={`#${section}`}
                  className="inline-flex rounded-full border border-line bg-white px-3 py-1 text-sm text-ink hover:border-brand-500 hover:text-brand-700"
                >
                  {t(`${section}.title`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <Section id="test" title={t("test.title")}>
          <p>{t("test.intro")}</p>
          <Steps items={STEPS.map((step) => t.rich(`test.${step}`, { b: strong }))} />
          <p className="rounded-lg bg-canvas px-3 py-2">{t("test.note")}</p>
        </Section>

        <Section id="blocked" title={t("blocked.title")}>
          <p>{t.rich("blocked.intro", { b: strong })}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            {BROWSERS.map((browser) => (
              <div key={browser} className="rounded-lg border border-line p-4">
                <h3 className="mb-2 font-semibold text-ink">{t(`blocked.${browser}.name`)}</h3>
                <Steps items={STEPS.map((step) => t.rich(`blocked.${browser}.${step}`, { b: strong }))} />
              </div>
            ))}
          </div>
          <p>{t.rich("blocked.system", { b: strong })}</p>
        </Section>

        <Section id="unsupported" title={t("unsupported.title")}>
          <Bullets items={(["item1", "item2", "item3", "item4"] as const).map((item) => t.rich(`unsupported.${item}`, { b: strong }))} />
        </Section>

        <Section id="focus" title={t("focus.title")}>
          <p>{t("focus.intro")}</p>
          <Bullets items={(["mac", "windows", "phone"] as const).map((item) => t.rich(`focus.${item}`, { b: strong }))} />
        </Section>

        <Section id="email" title={t("email.title")}>
          <Bullets
            items={(["item1", "item2", "item3", "item4", "item5"] as const).map((item) =>
              t.rich(`email.${item}`, { b: strong, sender: getEnv().EMAIL_FROM }),
            )}
          />
        </Section>
      </main>
    </div>
  );
}

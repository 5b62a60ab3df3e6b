"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useTransition } from "react";
import { sendTestNotificationAction, subscribePushAction, unsubscribePushAction } from "@/app/(app)/notifications/actions";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { currentSubscription, readDesktopState, subscribeThisBrowser } from "./browser-push";
import type { DesktopState } from "./push-support";

type Notice = "dismissed" | "failed" | "testSent";

const TONES: Record<DesktopState, string> = {
  checking: "border-line bg-canvas text-muted",
  off: "border-line bg-canvas text-ink",
  on: "border-green-200 bg-green-50 text-green-900",
  blocked: "border-amber-200 bg-amber-50 text-amber-900",
  unsupported: "border-line bg-canvas text-ink",
};

/**
 * This browser's side of desktop notifications (spec §6): what the browser allows and whether
 * the server holds its subscription, the button that asks and subscribes, and the test.
 */
export function DesktopNotifications({
  vapidPublicKey,
  knownEndpoints,
  helpPath,
}: {
  vapidPublicKey: string;
  knownEndpoints: string[];
  helpPath: string;
}) {
  const t = useTranslations("notifications.browser");
  const headingId = useId();
  const [state, setState] = useState<DesktopState>("checking");
  const [known, setKnown] = useState(knownEndpoints);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isBusy, startBusy] = useTransition();
  const [isTesting, startTest] = useTransition();

  useEffect(() => {
    let isCurrent = true;
    readDesktopState(known).then(
      (next) => {
        if (isCurrent) setState(next);
      },
      (error: unknown) => {
        console.error("Reading this browser's notification state failed", error);
        if (isCurrent) {
          setState("off");
          setNotice("failed");
        }
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [known]);

  const enable = () => {
    setNotice(null);
    setRefusal(null);
    startBusy(async () => {
      try {
        const result = await subscribeThisBrowser(vapidPublicKey);
        if (result.outcome === "blocked") return setState("blocked");
        if (result.outcome === "dismissed") return setNotice("dismissed");
        const { endpoint = "", keys = {} } = result.subscription;
        const saved = await subscribePushAction({
          endpoint,
          keys: { p256dh: keys.p256dh ?? "", auth: keys.auth ?? "" },
          userAgent: navigator.userAgent.slice(0, 400),
        });
        if (!saved.ok) return setRefusal(saved);
        setKnown((endpoints) => [...endpoints.filter((known) => known !== endpoint), endpoint]);
        setState("on");
      } catch (error) {
        // The push service can refuse or be unreachable; the user can try again or read the help page.
        console.error("Enabling desktop notifications failed", error);
        setNotice("failed");
      }
    });
  };

  const disable = () => {
    setNotice(null);
    setRefusal(null);
    startBusy(async () => {
      const subscription = await currentSubscription();
      if (subscription) {
        const forgotten = await unsubscribePushAction({ endpoint: subscription.endpoint });
        if (!forgotten.ok) return setRefusal(forgotten);
        await subscription.unsubscribe();
        setKnown((endpoints) => endpoints.filter((known) => known !== subscription.endpoint));
      }
      setState("off");
    });
  };

  const sendTest = () => {
    setNotice(null);
    setRefusal(null);
    startTest(async () => {
      const result = await sendTestNotificationAction({});
      if (result.ok) setNotice("testSent");
      else setRefusal(result);
    });
  };

  return (
    <section aria-labelledby={headingId} className={cn("flex flex-col gap-3 rounded-lg border p-3", TONES[state])}>
      <div className="flex items-start gap-2.5">
        <StateIcon state={state} />
        <div className="min-w-0 flex-1 text-sm">
          <h3 id={headingId} className="sr-only">
            {t("heading")}
          </h3>
          <p className="font-medium" data-state={state}>
            {t(`state.${state}`)}
          </p>
          {state === "blocked" || state === "unsupported" ? (
            <p className="mt-0.5 text-muted">
              {t(`hint.${state}`)}{" "}
              <Link href={`${helpPath}#${state}`} className="font-medium text-brand-600 hover:underline">
                {t(`hintLink.${state}`)}
              </Link>
            </p>
          ) : state === "off" ? (
            <p className="mt-0.5 text-muted">{t("hint.off")}</p>
          ) : null}
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        {state === "off" || state === "checking" ? (
          <Button onClick={enable} disabled={state === "checking" || isBusy} aria-busy={isBusy || undefined}>
            {t("enable")}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={sendTest} disabled={isTesting} aria-busy={isTesting || undefined}>
          {t("sendTest")}
        </Button>
        {state === "on" ? (
          <Button variant="ghost" onClick={disable} disabled={isBusy} className="text-muted">
            {t("disable")}
          </Button>
        ) : null}
      </div>

      <p role="status" className={cn("text-sm empty:hidden", notice === "failed" ? "text-danger" : "text-ink")}>
        {notice ? t(`notice.${notice}`) : null}
      </p>
      {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
    </section>
  );
}

function StateIcon({ state }: { state: DesktopState }) {
  const common = "mt-0.5 h-5 w-5 shrink-0";
  if (state === "on") {
    return (
      <svg viewBox="0 0 20 20" aria-hidden="true" className={cn(common, "text-success")}>
        <circle cx="10" cy="10" r="8.25" fill="currentColor" />
        <path d="M6.5 10.25l2.25 2.25 4.75-5" stroke="white" strokeWidth="1.7" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  if (state === "blocked") {
    return (
      <svg viewBox="0 0 20 20" fill="none" aria-hidden="true" className={cn(common, "text-amber-600")}>
        <circle cx="10" cy="10" r="7.5" stroke="currentColor" strokeWidth="1.6" />
        <path d="M4.75 15.25l10.5-10.5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 20 20" fill="none" aria-hidden="true" className={cn(common, "text-muted")}>
      <rect x="2.75" y="3.75" width="14.5" height="10.5" rx="1.75" stroke="currentColor" strokeWidth="1.5" />
      <path d="M7 17h6" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

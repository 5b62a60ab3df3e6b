"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/** A refused action in the words of the `refusals` catalog (STYLE.md: components never write their own). */
export function RefusalAlert({
  reason,
  params,
  className,
}: {
  reason: string;
  params?: Record<string, string | number>;
  className?: string;
}) {
  const t = useTranslations();
  const key = `refusals.${reason}`;
  return (
    <p role="alert" tabIndex={-1} className={cn("rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-danger", className)}>
      {t.has(key) ? t(key, params) : t("common.unknownError")}
    </p>
  );
}

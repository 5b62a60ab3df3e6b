import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { RECORD_TYPES, type RecordType } from "@/lib/record-types";
import { RECORD_LIST_PATHS } from "@/lib/paths";

/** Contacts · Leads · Deals: the left navigation links Contacts and Deals; Leads are reached from here. */
export async function CrmTabs({ active }: { active: RecordType }) {
  const t = await getTranslations("crm");
  return (
    <nav aria-label={t("sections")} className="-mx-1 flex gap-1 overflow-x-auto border-b border-line">
      {RECORD_TYPES.map((type) => (
        <Link
          key={type}
          href={RECORD_LIST_PATHS[type]}
          aria-current={type === active ? "page" : undefined}
          className={cn(
            "-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm",
            type === active ? "border-brand-500 font-medium text-ink" : "border-transparent text-muted hover:text-ink",
          )}
        >
          {t(`types.${type}.many`)}
        </Link>
      ))}
    </nav>
  );
}

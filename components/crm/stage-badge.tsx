import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { DealStage } from "@/db/schema";

const tones: Record<DealStage, string> = {
  qualified: "bg-slate-100 text-slate-700",
  contact_made: "bg-sky-50 text-sky-800",
  proposal_made: "bg-indigo-50 text-indigo-800",
  negotiation: "bg-amber-50 text-amber-800",
  won: "bg-emerald-50 text-emerald-800",
  lost: "bg-rose-50 text-rose-800",
};

export async function StageBadge({ stage }: { stage: DealStage }) {
  const t = await getTranslations("crm.stages");
  return <span className={cn("inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium", tones[stage])}>{t(stage)}</span>;
}

import { notFound } from "next/navigation";
import { InboxPage, type InboxSearchParams } from "@/components/inbox/inbox-page";

export default async function InboxRoute({
  params,
  searchParams,
}: {
  params: Promise<{ view: string; conversation?: string[] }>;
  searchParams: Promise<InboxSearchParams>;
}) {
  const { view, conversation } = await params;
  if (conversation && conversation.length > 1) notFound();
  return <InboxPage viewParam={view} conversationId={conversation?.[0] ?? null} searchParams={await searchParams} />;
}

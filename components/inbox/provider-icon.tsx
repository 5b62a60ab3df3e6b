import type { Provider } from "@/db/schema";
import { cn } from "@/components/ui/cn";

/** Brand marks drawn inline: Messenger's bolt bubble and WhatsApp's phone bubble. */
export function ProviderIcon({ provider, className }: { provider: Provider; className?: string }) {
  if (provider === "messenger") {
    return (
      <svg viewBox="0 0 24 24" aria-hidden="true" className={cn("h-4 w-4", className)}>
        <circle cx="12" cy="12" r="11" fill="#0a7cff" />
        <path d="M6 14.5l4-4.3 2.3 2 3.7-2.7-4 4.4-2.3-2z" fill="white" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={cn("h-4 w-4", className)}>
      <circle cx="12" cy="12" r="11" fill="#25d366" />
      <path
        d="M9.2 7.5c.3 0 .5.1.6.4l.8 1.8c.1.2 0 .5-.1.7l-.6.7c.7 1.4 1.8 2.5 3.2 3.2l.7-.6c.2-.2.5-.2.7-.1l1.8.8c.3.1.4.4.4.6 0 1.2-1 2.2-2.2 2.2A7.2 7.2 0 0 1 7 9.7c0-1.2 1-2.2 2.2-2.2z"
        fill="white"
      />
    </svg>
  );
}

import { cn } from "./cn";

const palette = ["bg-sky-100 text-sky-800", "bg-amber-100 text-amber-800", "bg-emerald-100 text-emerald-800", "bg-violet-100 text-violet-800", "bg-rose-100 text-rose-800"];

function initials(name: string): string {
  const letters = name
    .replace(/^whatsapp:/, "")
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => Array.from(part)[0])
    .join("");
  return (letters.slice(0, 2) || "?").toUpperCase();
}

export function Avatar({ name, size = "md" }: { name: string; size?: "xs" | "sm" | "md" }) {
  const hue = Array.from(name).reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % palette.length;
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded-full font-semibold",
        size === "xs" ? "h-4 w-4 text-[8px]" : size === "sm" ? "h-6 w-6 text-[10px]" : "h-9 w-9 text-xs",
        palette[hue],
      )}
    >
      {initials(name)}
    </span>
  );
}

/** Line icons for the app navigation, drawn on a 20px grid in the current text colour. */
const PATHS = {
  leads: "M10 3.5l1.9 3.9 4.3.6-3.1 3 .7 4.3-3.8-2-3.8 2 .7-4.3-3.1-3 4.3-.6z",
  messaging: "M3.5 5.5a2 2 0 012-2h9a2 2 0 012 2v6a2 2 0 01-2 2H9l-3.5 3v-3h0a2 2 0 01-2-2z",
  deals: "M3.5 7.5h13v8a1 1 0 01-1 1h-11a1 1 0 01-1-1zM7 7.5V5.5a1 1 0 011-1h4a1 1 0 011 1v2M3.5 11h13",
  contacts: "M10 9.5a3 3 0 100-6 3 3 0 000 6zM4 16.5c.7-3 3-4.5 6-4.5s5.3 1.5 6 4.5",
  settings:
    "M10 12.5a2.5 2.5 0 100-5 2.5 2.5 0 000 5zM10 2.5v2M10 15.5v2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M2.5 10h2M15.5 10h2M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4",
  more: "M5 10h.01M10 10h.01M15 10h.01",
  collapse: "M12 5l-5 5 5 5M16 4v12",
  expand: "M8 5l5 5-5 5M4 4v12",
} as const;

export type NavIconName = keyof typeof PATHS;

export function NavIcon({ name, className }: { name: NavIconName; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className={className ?? "h-5 w-5 shrink-0"}>
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth={name === "more" ? 2.6 : 1.5}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

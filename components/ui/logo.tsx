export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#2f6fed" />
      <path d="M9 11h14M9 16h9M9 21h12" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

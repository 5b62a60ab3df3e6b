import { cn } from "./cn";

type Variant = "primary" | "secondary" | "ghost" | "danger" | "success";

const variants: Record<Variant, string> = {
  primary: "bg-brand-500 text-white hover:bg-brand-600 border-transparent",
  secondary: "bg-white text-ink border-line hover:bg-canvas",
  ghost: "bg-transparent text-ink border-transparent hover:bg-black/5",
  danger: "bg-danger text-white border-transparent hover:brightness-95",
  success: "bg-success text-white border-transparent hover:brightness-95",
};

export function buttonClasses(variant: Variant = "primary", className?: string): string {
  return cn(
    "inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50",
    variants[variant],
    className,
  );
}

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}

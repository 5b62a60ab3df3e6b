"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cn } from "./cn";

/**
 * A disclosure button with a panel of links or controls beside it (WAI-ARIA disclosure, not a
 * menu: the panel keeps its own roles, e.g. a navigation of links). Closes on Escape (focus
 * back on the button), an outside click and when a link in it is followed.
 * `closedClassName` lets a caller keep the panel shown at some widths (e.g. "hidden lg:block");
 * `panelClassName` therefore sets no display of its own (cn does not resolve conflicts).
 */
export function Popover({
  trigger,
  triggerClassName,
  panelClassName,
  closedClassName = "hidden",
  className,
  children,
}: {
  trigger: React.ReactNode;
  triggerClassName?: string;
  panelClassName?: string;
  closedClassName?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const [isOpen, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [isOpen]);

  return (
    <div
      ref={root}
      className={cn("relative", className)}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !isOpen) return;
        // A popover inside another closes alone.
        event.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={isOpen}
        aria-controls={id}
        className={triggerClassName}
        onClick={() => setOpen((value) => !value)}
      >
        {trigger}
      </button>
      <div
        id={id}
        className={cn(panelClassName, !isOpen && closedClassName)}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest("a")) setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}

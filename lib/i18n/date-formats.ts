/**
 * Date formats shared by the thread and the snooze texts. Weekdays are always spelled out:
 * Czech "po 30. listopadu" reads as "after 30 November" (issue 16 item 9), so no format
 * here uses `weekday: "short"`.
 */
export const DAY_DIVIDER_FORMAT = { weekday: "long", day: "numeric", month: "long", year: "numeric" } as const satisfies Intl.DateTimeFormatOptions;

export const WEEKDAY_TIME_FORMAT = {
  weekday: "long",
  day: "numeric",
  month: "short",
  hour: "numeric",
  minute: "2-digit",
} as const satisfies Intl.DateTimeFormatOptions;

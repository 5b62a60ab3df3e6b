import { describe, expect, it } from "vitest";
import type { NotificationChannel } from "@/db/schema";
import { DEFAULT_PREFERENCES, NOTIFICATION_EVENTS, type NotificationEvent, type PreferenceMatrix } from "@/lib/notifications/events";
import { selectRecipients, type Candidate, type NotificationCause } from "@/lib/notifications/recipients";

/**
 * Spec §6, the recipients rule as a table. One candidate ("me") is decided at a time, in every
 * combination of the cause and of their own state; the expected answer is written from the
 * spec's sentences, not from the implementation.
 */

const ME = "00000000-0000-4000-8000-00000000000a";
const OTHER = "00000000-0000-4000-8000-00000000000b";
const THIRD = "00000000-0000-4000-8000-00000000000c";

type Choice = Record<NotificationChannel, boolean>;
const CHOICES: Choice[] = [
  { desktop: true, email: true },
  { desktop: true, email: false },
  { desktop: false, email: true },
  { desktop: false, email: false },
];

const chosenChannels = (choice: Choice): NotificationChannel[] => (["desktop", "email"] as const).filter((channel) => choice[channel]);

/**
 * `choice` for `event`, the opposite for every other event: a rule that read the wrong
 * event's preference would pick the wrong channels.
 */
function preferencesWith(event: NotificationEvent, choice: Choice): PreferenceMatrix {
  return Object.fromEntries(
    NOTIFICATION_EVENTS.map((each) => [each, each === event ? { ...choice } : { desktop: !choice.desktop, email: !choice.email }]),
  ) as PreferenceMatrix;
}

const candidate = (overrides: Partial<Candidate> = {}): Candidate => ({
  userId: ME,
  isActive: true,
  hasAccess: true,
  preferences: structuredClone(DEFAULT_PREFERENCES),
  ...overrides,
});

type AssigneeState = "me" | "other" | "none";
const ASSIGNEE_ID: Record<AssigneeState, string | null> = { me: ME, other: OTHER, none: null };
const MESSAGE_EVENT: Record<AssigneeState, NotificationEvent> = {
  me: "message.assigned_to_me",
  other: "message.assigned_to_others",
  none: "message.unassigned",
};

type Author = "me" | "a colleague" | "the contact";
const AUTHOR_ID: Record<Author, string | null> = { me: ME, "a colleague": THIRD, "the contact": null };

const flags = [true, false] as const;

const messageRows = (["me", "other", "none"] as const).flatMap((assignee) =>
  (["me", "a colleague", "the contact"] as const).flatMap((author) =>
    CHOICES.flatMap((choice) =>
      flags.flatMap((hasAccess) =>
        flags.map((isActive) => {
          const event = MESSAGE_EVENT[assignee];
          const isHeard = hasAccess && isActive && author !== "me" && chosenChannels(choice).length > 0;
          return {
            assignee,
            author,
            choice: JSON.stringify(choice),
            hasAccess,
            isActive,
            cause: { kind: "message", authorId: AUTHOR_ID[author], assigneeIdAtStore: ASSIGNEE_ID[assignee] } as NotificationCause,
            me: candidate({ hasAccess, isActive, preferences: preferencesWith(event, choice) }),
            expected: isHeard ? [{ userId: ME, event, channels: chosenChannels(choice) }] : [],
          };
        }),
      ),
    ),
  ),
);

type AssignmentRole = "the assignee" | "not the assignee";
type Assigner = "me" | "a colleague";

const assignmentRows = (["the assignee", "not the assignee"] as const).flatMap((role: AssignmentRole) =>
  (["me", "a colleague"] as const).flatMap((assigner: Assigner) =>
    CHOICES.flatMap((choice) =>
      flags.flatMap((hasAccess) =>
        flags.map((isActive) => {
          const assigneeId = role === "the assignee" ? ME : OTHER;
          const actorId = assigner === "me" ? ME : THIRD;
          const event = "conversation.assigned_to_me" as const;
          // Only the assignee hears of an assignment, and not when they made it themself.
          const isHeard =
            role === "the assignee" && assigner === "a colleague" && hasAccess && isActive && chosenChannels(choice).length > 0;
          return {
            role,
            assigner,
            choice: JSON.stringify(choice),
            hasAccess,
            isActive,
            cause: { kind: "assignment", actorId, assigneeId } as NotificationCause,
            me: candidate({ hasAccess, isActive, preferences: preferencesWith(event, choice) }),
            expected: isHeard ? [{ userId: ME, event, channels: chosenChannels(choice) }] : [],
          };
        }),
      ),
    ),
  ),
);

describe("selectRecipients for a new message", () => {
  it("covers every assignee state × author × preference × access × active", () => {
    expect(messageRows).toHaveLength(3 * 3 * 4 * 2 * 2);
  });

  it.each(messageRows)(
    "assigned to $assignee, written by $author, prefs $choice, access $hasAccess, active $isActive",
    ({ cause, me, expected }) => {
      expect(selectRecipients(cause, [me])).toEqual(expected);
    },
  );
});

describe("selectRecipients for an assignment", () => {
  it("covers every role × assigner × preference × access × active", () => {
    expect(assignmentRows).toHaveLength(2 * 2 * 4 * 2 * 2);
  });

  it.each(assignmentRows)(
    "me as $role, assigned by $assigner, prefs $choice, access $hasAccess, active $isActive",
    ({ cause, me, expected }) => {
      expect(selectRecipients(cause, [me])).toEqual(expected);
    },
  );
});

describe("selectRecipients across a team", () => {
  const team = () => [candidate({ userId: ME }), candidate({ userId: OTHER }), candidate({ userId: THIRD })];

  it("sends an assignment only to its assignee, on their default channels", () => {
    expect(selectRecipients({ kind: "assignment", actorId: THIRD, assigneeId: OTHER }, team())).toEqual([
      { userId: OTHER, event: "conversation.assigned_to_me", channels: ["desktop", "email"] },
    ]);
  });

  it("notifies nobody of a self-assignment", () => {
    expect(selectRecipients({ kind: "assignment", actorId: OTHER, assigneeId: OTHER }, team())).toEqual([]);
  });

  it("never notifies the author of a reply, and tells each colleague the event as it applies to them", () => {
    const everythingOn = Object.fromEntries(
      NOTIFICATION_EVENTS.map((event) => [event, { desktop: true, email: true }]),
    ) as PreferenceMatrix;
    const candidates = team().map((each) => ({ ...each, preferences: everythingOn }));

    const recipients = selectRecipients({ kind: "message", authorId: ME, assigneeIdAtStore: OTHER }, candidates);

    expect(recipients).toEqual([
      { userId: OTHER, event: "message.assigned_to_me", channels: ["desktop", "email"] },
      { userId: THIRD, event: "message.assigned_to_others", channels: ["desktop", "email"] },
    ]);
  });

  it("follows the spec's defaults for users who never saved preferences", () => {
    const inbound = (assigneeIdAtStore: string | null) => selectRecipients({ kind: "message", authorId: null, assigneeIdAtStore }, team());

    expect(inbound(ME)).toEqual([{ userId: ME, event: "message.assigned_to_me", channels: ["desktop", "email"] }]);
    expect(inbound(null)).toEqual([
      { userId: ME, event: "message.unassigned", channels: ["desktop"] },
      { userId: OTHER, event: "message.unassigned", channels: ["desktop"] },
      { userId: THIRD, event: "message.unassigned", channels: ["desktop"] },
    ]);
  });

  it("leaves out inactive users and users without access to the app, whatever they chose", () => {
    const candidates = [
      candidate({ userId: ME, isActive: false }),
      candidate({ userId: OTHER, hasAccess: false }),
      candidate({ userId: THIRD }),
    ];
    expect(selectRecipients({ kind: "message", authorId: null, assigneeIdAtStore: null }, candidates)).toEqual([
      { userId: THIRD, event: "message.unassigned", channels: ["desktop"] },
    ]);
    expect(selectRecipients({ kind: "assignment", actorId: THIRD, assigneeId: ME }, candidates)).toEqual([]);
    expect(selectRecipients({ kind: "assignment", actorId: THIRD, assigneeId: OTHER }, candidates)).toEqual([]);
  });
});

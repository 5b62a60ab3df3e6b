import { describe, expect, it } from "vitest";
import { rankCandidates, type AutoAssignCandidate } from "@/lib/inbox/auto-assign";

const at = (iso: string) => new Date(iso);
const ids = (ranked: AutoAssignCandidate[]) => ranked.map((candidate) => candidate.id);

describe("rankCandidates (SPEC §13)", () => {
  it("puts fewer open conversations first", () => {
    expect(ids(rankCandidates([{ id: "a", openConversations: 3, lastAssignedAt: null }, { id: "b", openConversations: 1, lastAssignedAt: null }], null))).toEqual(["b", "a"]);
  });

  it("breaks ties by the longest wait since the last assignment, never assigned first", () => {
    const ranked = rankCandidates(
      [
        { id: "recent", openConversations: 2, lastAssignedAt: at("2026-12-01T10:00:00Z") },
        { id: "never", openConversations: 2, lastAssignedAt: null },
        { id: "earlier", openConversations: 2, lastAssignedAt: at("2026-12-01T08:00:00Z") },
      ],
      null,
    );
    expect(ids(ranked)).toEqual(["never", "earlier", "recent"]);
  });

  it("leaves out everyone at or over the limit, and is empty when all are", () => {
    const candidates = [
      { id: "at", openConversations: 5, lastAssignedAt: null },
      { id: "over", openConversations: 7, lastAssignedAt: null },
      { id: "below", openConversations: 4, lastAssignedAt: null },
    ];
    expect(ids(rankCandidates(candidates, 5))).toEqual(["below"]);
    expect(rankCandidates(candidates, 4)).toEqual([]);
    expect(rankCandidates([], null)).toEqual([]);
  });

  it("orders full ties by id, so every instance ranks alike", () => {
    const tie = (id: string) => ({ id, openConversations: 0, lastAssignedAt: null });
    expect(ids(rankCandidates([tie("c"), tie("a"), tie("b")], null))).toEqual(["a", "b", "c"]);
  });
});

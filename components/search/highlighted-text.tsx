import { highlightMatches } from "@/lib/search/search-query";

/** Text with the searched words marked; React escapes every part, so nothing is read as HTML. */
export function HighlightedText({ text, words }: { text: string; words: readonly string[] }) {
  return (
    <>
      {highlightMatches(text, words).map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded-sm bg-amber-100 px-px text-inherit">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

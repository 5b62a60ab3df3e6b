import { isHttpUrl } from "@/lib/safe-url";

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/gi;

/** Message text as React text; only http(s) URLs become links (spec §8), nothing is parsed as HTML. */
export function MessageText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <p className="whitespace-pre-wrap break-words">
      {parts.map((part, index) =>
        index % 2 === 1 && isHttpUrl(part) ? (
          <a key={index} href={part} target="_blank" rel="noopener noreferrer nofollow" className="underline underline-offset-2">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}

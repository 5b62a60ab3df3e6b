import { Heading, Text } from "@react-email/components";
import { EmailLayout, type EmailCopy } from "./email-layout";

/** An email whose point is one link: an invitation, a reset, a sign-in or an email change. */
export function LinkEmail({ copy, heading, paragraphs, url }: { copy: EmailCopy; heading: string; paragraphs: string[]; url: string }) {
  return (
    <EmailLayout copy={copy} url={url}>
      <Heading as="h1" style={{ fontSize: 18, margin: "12px 0 8px" }}>
        {heading}
      </Heading>
      {paragraphs.map((paragraph) => (
        <Text key={paragraph} style={{ fontSize: 14, margin: "0 0 8px" }}>
          {paragraph}
        </Text>
      ))}
      <Text style={{ fontSize: 12, color: "#5f6b7a", margin: "12px 0 0", wordBreak: "break-all" }}>{url}</Text>
    </EmailLayout>
  );
}

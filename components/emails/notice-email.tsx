import { Heading, Text } from "@react-email/components";
import { EmailLayout, type EmailCopy } from "./email-layout";

/** A single notice: "assigned to you", or the test notification. */
export function NoticeEmail({ copy, heading, body, url }: { copy: EmailCopy; heading: string; body: string; url: string }) {
  return (
    <EmailLayout copy={copy} url={url}>
      <Heading as="h1" style={{ fontSize: 18, margin: "12px 0 8px" }}>
        {heading}
      </Heading>
      <Text style={{ fontSize: 14, margin: 0 }}>{body}</Text>
    </EmailLayout>
  );
}

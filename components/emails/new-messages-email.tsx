import { Heading, Section, Text } from "@react-email/components";
import { EmailLayout, type EmailCopy } from "./email-layout";

export type EmailMessageLine = { sender: string; time: string; text: string };

/** One email for a burst of messages (spec §6 coalescing): every message since the last email. */
export function NewMessagesEmail({
  copy,
  heading,
  url,
  messages,
}: {
  copy: EmailCopy;
  heading: string;
  url: string;
  messages: EmailMessageLine[];
}) {
  return (
    <EmailLayout copy={copy} url={url}>
      <Heading as="h1" style={{ fontSize: 18, margin: "12px 0 16px" }}>
        {heading}
      </Heading>
      {messages.map((message, index) => (
        <Section key={index} style={{ borderLeft: "3px solid #d9eaff", paddingLeft: 12, marginBottom: 12 }}>
          <Text style={{ fontSize: 12, color: "#5f6b7a", margin: 0 }}>
            {message.sender} · {message.time}
          </Text>
          <Text style={{ fontSize: 14, margin: "4px 0 0", whiteSpace: "pre-wrap" }}>{message.text}</Text>
        </Section>
      ))}
    </EmailLayout>
  );
}

import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

export type EmailCopy = { preview: string; footer: string; cta: string };

export function EmailLayout({ copy, url, children }: { copy: EmailCopy; url: string; children: React.ReactNode }) {
  return (
    <Html>
      <Head />
      <Preview>{copy.preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "Helvetica, Arial, sans-serif", color: "#1b1f24" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "24px auto", padding: 24, maxWidth: 560 }}>
          <Text style={{ color: "#2f6fed", fontWeight: 700, fontSize: 14, margin: 0 }}>Switchboard</Text>
          {children}
          <Section style={{ marginTop: 20 }}>
            <Link href={url} style={{ backgroundColor: "#2f6fed", borderRadius: 6, color: "#ffffff", padding: "10px 16px", fontSize: 14 }}>
              {copy.cta}
            </Link>
          </Section>
          <Hr style={{ borderColor: "#e3e7ec", margin: "24px 0 12px" }} />
          <Text style={{ color: "#5f6b7a", fontSize: 12, margin: 0 }}>{copy.footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/**
 * Invitation mail. With GATEHOUSE_SMTP_URL set (smtp://user:pass@host:port) invitations are
 * also emailed; without it the inviter is shown the link to pass on (there is no mail server
 * by default).
 */
import nodemailer from "nodemailer";

export interface MailConfig {
  smtpUrl?: string;
  from?: string;
}

export function mailConfigFromEnv(env: Record<string, string | undefined> = process.env): MailConfig {
  return { smtpUrl: env.GATEHOUSE_SMTP_URL || undefined, from: env.GATEHOUSE_MAIL_FROM || "Gatehouse <no-reply@gatehouse.local>" };
}

export async function sendInvitationMail(config: MailConfig, to: string, link: string, workspaceName: string, inviter: string): Promise<boolean> {
  if (!config.smtpUrl) return false;
  const transport = nodemailer.createTransport(config.smtpUrl);
  try {
    await transport.sendMail({
      from: config.from,
      to,
      subject: `You are invited to ${workspaceName} on Gatehouse`,
      text: `${inviter} invited you to the ${workspaceName} workspace on Gatehouse.\n\nAccept the invitation (the link works once, for 7 days):\n${link}\n`,
    });
    return true;
  } finally {
    transport.close();
  }
}

/**
 * Invitation mail through a real SMTP conversation: a minimal SMTP server on 127.0.0.1 records
 * what nodemailer sends.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../audit/mutate";
import { mailConfigFromEnv, sendInvitationMail } from "./mailer";
import { inviteMember } from "./members";
import { openTestDatabase, type TestDatabase } from "../../test/helpers/databases";

interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/** Just enough SMTP for nodemailer: greeting, EHLO/HELO, MAIL, RCPT, DATA, QUIT. */
async function startFakeSmtp(): Promise<{ port: number; mails: ReceivedMail[]; commands: string[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let current: ReceivedMail = { from: "", to: [], data: "" };
    socket.write("220 fake-smtp ready\r\n");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(current);
          current = { from: "", to: [], data: "" };
          socket.write("250 2.0.0 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        commands.push(line);
        const verb = line.split(/[ :]/)[0].toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 fake-smtp\r\n");
        else if (verb === "MAIL") {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          socket.write("250 2.1.0 ok\r\n");
        } else if (verb === "RCPT") {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          socket.write("250 2.1.5 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 end with <CRLF>.<CRLF>\r\n");
          // The message may already be in the buffer.
        } else if (verb === "QUIT") {
          socket.end("221 2.0.0 bye\r\n");
          return;
        } else if (verb === "RSET" || verb === "NOOP") socket.write("250 ok\r\n");
        else socket.write("502 5.5.2 not implemented\r\n");
      }
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    mails,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The body of a received message, with dot-stuffing and quoted-printable undone. */
function bodyOf(data: string): { headers: string; body: string } {
  const split = data.indexOf("\r\n\r\n");
  const headers = data.slice(0, split);
  let body = data.slice(split + 4).replace(/^\.\./gm, ".");
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    body = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  } else if (/content-transfer-encoding:\s*base64/i.test(headers)) {
    body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  return { headers, body };
}

/** A port nobody listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("sendInvitationMail", () => {
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
  });
  afterEach(() => {
    smtp.mails.length = 0;
    smtp.commands.length = 0;
  });
  afterAll(() => smtp?.close());

  it("delivers the invitation to the invitee, with the link in the body", async () => {
    const link = "http://localhost:3000/invite/AbC_dEf-123456789012345678901234567890123";
    const sent = await sendInvitationMail(
      { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: "Gatehouse <no-reply@gatehouse.local>" },
      "new.person@example.com",
      link,
      "Demo workspace",
      "admin@gatehouse.local",
    );
    expect(sent).toBe(true);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.to).toEqual(["new.person@example.com"]);
    expect(mail.from).toBe("no-reply@gatehouse.local");
    const { headers, body } = bodyOf(mail.data);
    expect(headers).toMatch(/^To: new\.person@example\.com$/im);
    expect(headers).toMatch(/^Subject: You are invited to Demo workspace on Gatehouse$/im);
    expect(body).toContain(link);
    expect(body).toContain("admin@gatehouse.local invited you to the Demo workspace workspace");
    // It spoke SMTP from the greeting on.
    expect(smtp.commands.some((c) => /^(EHLO|HELO) /i.test(c))).toBe(true);
  });

  it("without an SMTP URL returns false and opens no connection", async () => {
    const sent = await sendInvitationMail({}, "someone@example.com", "http://x/invite/t", "W", "a@b.c");
    expect(sent).toBe(false);
    const fromEnv = await sendInvitationMail(mailConfigFromEnv({}), "someone@example.com", "http://x/invite/t", "W", "a@b.c");
    expect(fromEnv).toBe(false);
    expect(smtp.commands).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });

  it("reads GATEHOUSE_SMTP_URL and GATEHOUSE_MAIL_FROM, with a default sender", () => {
    expect(mailConfigFromEnv({ GATEHOUSE_SMTP_URL: "smtp://h:25", GATEHOUSE_MAIL_FROM: "X <x@y.z>" })).toEqual({ smtpUrl: "smtp://h:25", from: "X <x@y.z>" });
    expect(mailConfigFromEnv({ GATEHOUSE_SMTP_URL: "" })).toEqual({ smtpUrl: undefined, from: "Gatehouse <no-reply@gatehouse.local>" });
  });

  it("rejects when the SMTP server cannot be reached", async () => {
    const port = await closedPort();
    await expect(sendInvitationMail({ smtpUrl: `smtp://127.0.0.1:${port}` }, "a@example.com", "http://x/invite/t", "W", "a@b.c")).rejects.toThrow();
  });

  describe("inviteMember (PGlite)", () => {
    let db: TestDatabase;
    let actor: Actor;
    beforeAll(async () => {
      db = await openTestDatabase("pglite");
      const p = db.handle.prisma;
      const ws = await p.workspace.create({ data: { name: "Mail workspace", slug: "mail" } });
      const admin = await p.user.create({ data: { email: "boss@example.com", name: "Boss", passwordHash: "unused" } });
      await p.membership.create({ data: { workspaceId: ws.id, userId: admin.id, role: "admin" } });
      actor = { userId: admin.id, email: admin.email, workspaceId: ws.id, role: "admin" };
    });
    afterAll(() => db?.drop());

    it("emails the link when mail is configured and reports emailed: true", async () => {
      const r = await inviteMember(
        db.handle.prisma,
        actor,
        { email: "Invitee@Example.com", role: "editor" },
        { baseUrl: "https://console.example/", mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}` } },
      );
      expect(r.emailed).toBe(true);
      expect(r.mailError).toBeUndefined();
      expect(r.link).toMatch(/^https:\/\/console\.example\/invite\/[A-Za-z0-9_-]{43}$/);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0].to).toEqual(["invitee@example.com"]);
      const { headers, body } = bodyOf(smtp.mails[0].data);
      expect(body).toContain(r.link);
      expect(headers).toMatch(/Mail workspace/);
      expect(body).toContain("boss@example.com");
    });

    it("still creates the invitation when the mail fails, and says so", async () => {
      const port = await closedPort();
      const r = await inviteMember(
        db.handle.prisma,
        actor,
        { email: "second@example.com", role: "viewer" },
        { baseUrl: "https://console.example", mail: { smtpUrl: `smtp://127.0.0.1:${port}` } },
      );
      expect(r.emailed).toBe(false);
      expect(r.mailError).toMatch(/could not be emailed/);
      expect(await db.handle.prisma.invitation.count({ where: { id: r.id, email: "second@example.com", acceptedAt: null, revokedAt: null } })).toBe(1);
    });
  });
});

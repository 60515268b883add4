// A minimal SMTP client for the tests: a real TCP conversation, line by line, no library between.
import { connect, type Socket } from "node:net";

export class SmtpClient {
  private buffer = "";
  private waiting: ((line: string) => void) | null = null;
  private lines: string[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      let nl = this.buffer.indexOf("\n");
      while (nl >= 0) {
        this.lines.push(this.buffer.slice(0, nl).replace(/\r$/, ""));
        this.buffer = this.buffer.slice(nl + 1);
        nl = this.buffer.indexOf("\n");
      }
      this.flush();
    });
  }

  static async open(port: number): Promise<{ client: SmtpClient; greeting: string }> {
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("error", reject);
    });
    const client = new SmtpClient(socket);
    return { client, greeting: await client.reply() };
  }

  private flush(): void {
    while (this.waiting) {
      // A reply ends with a line whose fourth character is a space.
      const end = this.lines.findIndex((l) => /^\d{3}(?: |$)/.test(l));
      if (end < 0) return;
      const reply = this.lines.splice(0, end + 1).join("\n");
      const w = this.waiting;
      this.waiting = null;
      w(reply);
    }
  }

  reply(): Promise<string> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.flush();
    });
  }

  async send(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  async data(message: string): Promise<string> {
    const r = await this.send("DATA");
    if (!r.startsWith("354")) return r;
    const body = message.replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..");
    this.socket.write(`${body}${body.endsWith("\r\n") ? "" : "\r\n"}.\r\n`);
    return this.reply();
  }

  close(): void {
    this.socket.end("QUIT\r\n");
  }
}

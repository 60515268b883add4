import type { FastifyInstance } from "fastify";
import {
  type CheckOptions,
  checkDomain,
  checkEmailAddress,
  checkEmailMessage,
  checkIp,
  type DnsOptions,
  parseDnsServer,
} from "../checks/index.js";
import { domainNameProblem, isDkimSelector, isIpAddress, messageProblem } from "../checks/targets.js";
import { type AppContext, HttpError } from "./app.js";
import { checkReportSchema, errorResponses, rawBody } from "./schemas.js";

/** The values of DIAGNOSA_DNS_SERVERS (comma-separated HOST[:PORT]), unchecked. */
export function dnsServersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.DIAGNOSA_DNS_SERVERS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** DNS servers of the checks from DIAGNOSA_DNS_SERVERS; default: the system's. Throws on a bad one. */
export function checksDnsFromEnv(env: NodeJS.ProcessEnv = process.env): DnsOptions {
  const servers = dnsServersFromEnv(env);
  servers.forEach(parseDnsServer);
  return { servers };
}

const errors = { 200: checkReportSchema, ...errorResponses(413, 415) };

const body = (props: Record<string, unknown>, required: string[]) => ({
  type: "object",
  additionalProperties: false,
  required,
  properties: props,
});

/** POST /v1/checks/{domain,ip,address,message}: the checks of docs/checks.md, one report each. */
export function checksRoutes(dns: DnsOptions = checksDnsFromEnv(), extra: Partial<CheckOptions> = {}) {
  return async (app: FastifyInstance, _ctx: AppContext) => {
    const opts = (): CheckOptions => ({ ...extra, dns });
    app.post<{ Body: { domain: string; dkimSelectors?: string[] } }>(
      "/v1/checks/domain",
      {
        schema: {
          summary: "MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, BIMI and blocklists of a domain",
          tags: ["checks"],
          response: errors,
          body: body(
            {
              domain: { type: "string", minLength: 1, maxLength: 254 },
              dkimSelectors: { type: "array", maxItems: 20, items: { type: "string", maxLength: 253 } },
            },
            ["domain"],
          ),
        },
      },
      async (req) => {
        const { domain, dkimSelectors = [] } = req.body;
        const problem = domainNameProblem(domain);
        if (problem)
          throw new HttpError(
            400,
            "invalid_request",
            `body.domain must be a domain name such as example.com: ${JSON.stringify(domain)} is not (${problem.en})`,
          );
        const bad = dkimSelectors.findIndex((s) => !isDkimSelector(s));
        if (bad >= 0)
          throw new HttpError(
            400,
            "invalid_request",
            `body.dkimSelectors[${bad}] must be a DKIM selector (dot-separated labels of 1-63 letters, digits, "_" or "-"): ${JSON.stringify(dkimSelectors[bad])} is not`,
          );
        return checkDomain(domain, { ...opts(), dkimSelectors });
      },
    );
    app.post<{ Body: { ip: string } }>(
      "/v1/checks/ip",
      {
        schema: {
          summary:
            "DNS blocklists and reverse DNS (PTR with forward confirmation) of an IPv4 or IPv6 address",
          tags: ["checks"],
          response: errors,
          body: body({ ip: { type: "string", maxLength: 64 } }, ["ip"]),
        },
      },
      async (req) => {
        if (!isIpAddress(req.body.ip))
          throw new HttpError(
            400,
            "invalid_request",
            `body.ip must be an IPv4 or IPv6 address without a zone id: ${JSON.stringify(req.body.ip)} is not`,
          );
        try {
          return await checkIp(req.body.ip, opts());
        } catch (e) {
          if (e instanceof TypeError) throw new HttpError(400, "invalid_request", e.message);
          throw e;
        }
      },
    );
    app.post<{ Body: { address: string } }>(
      "/v1/checks/address",
      {
        schema: {
          summary: "Syntax, domain, disposable, role account and typo check of an email address",
          tags: ["checks"],
          response: errors,
          body: body({ address: { type: "string", minLength: 1, maxLength: 512 } }, ["address"]),
        },
      },
      async (req) => checkEmailAddress(req.body.address, opts()),
    );
    app.post<{ Body: Buffer; Querystring: { bulk?: string } }>(
      "/v1/checks/message",
      {
        config: rawBody(
          ["message/rfc822", "application/octet-stream", "text/plain"],
          "The message as it would be sent (RFC 5322)",
        ),
        schema: {
          summary: "Content and authentication of a message (message/rfc822 body)",
          tags: ["checks"],
          response: errors,
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { bulk: { type: "string", enum: ["true", "false"] } },
          },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body) || !req.body.length)
          throw new HttpError(
            400,
            "invalid_request",
            "send the message as the body with Content-Type: message/rfc822",
          );
        // The same test as the CLI's: random bytes or plain text are no message to check.
        const problem = messageProblem(req.body);
        if (problem)
          throw new HttpError(400, "invalid_request", `the body is not an email message: ${problem.en}`);
        return checkEmailMessage(req.body, {
          ...opts(),
          ...(req.query.bulk ? { bulk: req.query.bulk === "true" } : {}),
        });
      },
    );
  };
}

// Which mailbox provider a recipient's domain belongs to, from the provider files' own lists.
import { parse as parseDomain } from "tldts";
import { PROVIDER_DEFS } from "./index.js";

// The providers' users' domains (src/rules/providers: `mailboxDomains`, `regionalNames`).
const PROVIDER_OF_DOMAIN = new Map(
  PROVIDER_DEFS.flatMap((p) => (p.mailboxDomains ?? []).map((d) => [d, p.id] as const)),
);
const PROVIDER_OF_REGIONAL_NAME = new Map(
  PROVIDER_DEFS.flatMap((p) => (p.regionalNames ?? []).map((n) => [n, p.id] as const)),
);

/** The mailbox provider of a recipient domain (`gmail` for gmail.com), or null. */
export function providerOfDomain(domain: string): string | null {
  const d = domain.toLowerCase().replace(/\.$/, "");
  const known = PROVIDER_OF_DOMAIN.get(d);
  if (known) return known;
  const p = parseDomain(d, { allowPrivateDomains: false });
  if (!p.isIcann || p.domain !== d || !p.domainWithoutSuffix) return null;
  return PROVIDER_OF_REGIONAL_NAME.get(p.domainWithoutSuffix) ?? null;
}

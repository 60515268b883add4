import type { ProviderDef } from "../types.js";

const POSTMASTER = "https://postmaster.t-online.de/";

/** Deutsche Telekom's T-Online: its hosts and the block answer of its inbound servers. */
export const T_ONLINE: ProviderDef = {
  id: "t-online",
  name: "T-Online (Deutsche Telekom)",
  hosts: ["t-online.de"],
  mailboxDomains: ["t-online.de", "magenta.de"],
  markers: ["postmaster.t-online.de", "rx.t-online.de"],
  rules: [
    {
      // T-Online's refusal of a sending IP: "IP=" or "IP:", the address, "A problem occurred", with or
      // without a trailing "(BL)" (its own block list); the postmaster address is the way to ask for
      // it to be lifted.
      id: "ip-blocked",
      reason: "blocked.provider_blocklist",
      match: /\bip[=:][0-9a-f.:]{2,45} - a problem occurred\b/,
      keywords: ["a problem occurred"],
      priority: 66,
      example:
        "554 IP=192.0.2.254 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)",
      source: POSTMASTER,
    },
  ],
};

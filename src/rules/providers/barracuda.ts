import type { ProviderDef } from "../types.js";

/** Barracuda Email Security: its hosts, the marks of its replies, and its own codes and phrases. */
export const BARRACUDA: ProviderDef = {
  id: "barracuda",
  name: "Barracuda Email Security",
  hosts: ["barracudanetworks.com", "ess.barracudanetworks.com", "barracuda.com", "cudamail.com"],
  // Not "barracuda" alone: a receiver of any make that queries Barracuda's DNSBL names
  // b.barracudacentral.org, and the reply is that receiver's, not Barracuda's.
  markers: ["barracudanetworks.com", "barracuda reputation", "cudamail.com"],
  rules: [
    {
      id: "brbl",
      reason: "blocked.dnsbl",
      match: "blocked using barracuda reputation",
      priority: 70,
      example:
        "554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.1",
      source: "http://tig.csail.mit.edu/wiki/TIG/EmailBlockedByBarracuda",
    },
    {
      id: "recipient-blocked",
      reason: "blocked.policy",
      match: ":blocked)",
      priority: 62,
      example: "550 permanent failure for one or more recipients (jane@example.com:blocked)",
      source: "Barracuda Email Security Service policy block",
    },
    {
      id: "spam-firewall",
      reason: "sender_reputation.spam",
      match: ["blocked by our spam firewall", "rejected by our spam firewall"],
      priority: 62,
      example:
        "Your message to: jane@example.com was blocked by our Spam Firewall. The email you sent with the following subject has NOT BEEN DELIVERED",
      source: "Barracuda Spam Firewall non-delivery notice",
    },
  ],
  codes: [],
};

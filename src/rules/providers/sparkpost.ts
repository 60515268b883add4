import type { ProviderDef } from "../types.js";

const DELAYS = "https://support.sparkpost.com/docs/faq/understanding-delays-bounces";

/**
 * SparkPost (Bird): the replies its own servers write about a message they hold ("[internal]"),
 * in the events of senders who send through it. The receivers' replies it passes on are theirs.
 */
export const SPARKPOST: ProviderDef = {
  id: "sparkpost",
  name: "SparkPost",
  hosts: ["sparkpostmail.com"],
  markers: [],
  rules: [
    {
      // Its Adaptive Email Delivery backs off a receiver that pushed back: the sending side throttles
      // itself, nothing is wrong at the receiver.
      id: "ip-suspended",
      reason: "rate_limit.throttled",
      match: "[internal] sending ip temporarily suspended",
      priority: 66,
      example: "451 4.3.0 [internal] Sending IP temporarily suspended",
      source: DELAYS,
    },
    {
      // The retries ran out; the last deferral follows in brackets. A cause named there that says more
      // (a full mailbox, an unknown user) wins; a failing DNS or connection only says why it expired.
      // SparkPost does not count these as hard bounces.
      id: "message-timeout",
      reason: "recipient_error.expired",
      match: "[internal] message timeout",
      priority: 49,
      permanence: "soft",
      example:
        "554 5.4.7 [internal] message timeout (last transfail: 454 4.4.4 [internal] no MX or A for domain)",
      source: DELAYS,
    },
    {
      // The address is on the sending account's suppression list (an earlier hard bounce, an
      // unsubscribe, a spam complaint): SparkPost did not send.
      id: "suppressed",
      reason: "invalid_address.suppressed",
      match: "recipient address was suppressed due to customer policy",
      priority: 66,
      example: "554 5.7.1 [internal] recipient address was suppressed due to customer policy",
      source: "https://support.moonpoint.com/blog//blosxom/2020/04/20",
    },
  ],
  codes: [],
};

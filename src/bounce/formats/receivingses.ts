import type { FormatDecoder } from "./types.js";

/**
 * Amazon SES receiving (inbound-smtp.<region>.amazonaws.com): a multipart/report with the text
 * "This message could not be delivered." and a standard delivery-status part
 * (Reporting-MTA: dns; inbound-smtp.us-west-2.amazonaws.com), sent out through SES
 * (X-SES-Outgoing). The DSN says it all; this decoder only claims the message.
 */
export const RECEIVINGSES: FormatDecoder = {
  id: "receivingses",
  detect(msg) {
    if (!msg.headers.has("x-ses-outgoing") || !msg.deliveryStatus.length) return false;
    return msg.deliveryStatus.some((d) => /inbound-smtp\.[a-z0-9-]+\.amazonaws\.com/i.test(d));
  },
  decode(_msg, dsn) {
    return dsn;
  },
};

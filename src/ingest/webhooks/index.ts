// ESP webhooks → DeliveryEvents: `fromWebhook(provider, body, ctx)` checks the request's signature or
// credentials (when the provider's secret is configured — see WebhookSecrets), then maps each delivery
// outcome to a DeliveryEvent with source `webhook:<provider>`. Engagement events (opens, clicks, …) are
// skipped. Each event must then pass the checks of POST /v1/events (`checkEvents`: a valid recipient
// address; an invalid status or reply code is dropped): the others are left out and counted in `skipped`.
// Errors are WebhookError: 400 malformed body, 401 failed verification, 404 unknown provider.
// An SNS SubscriptionConfirmation gives `{ confirm: { subscribeUrl } }`: the caller GETs that URL.
import { checkEvents } from "../event.js";
import { type ProviderResult, type WebhookContext, WebhookError, type WebhookResult } from "./common.js";
import { fromMailgun } from "./mailgun.js";
import { fromPostmark } from "./postmark.js";
import { fromSendgrid } from "./sendgrid.js";
import { fromSes } from "./ses.js";
import { fromSparkpost } from "./sparkpost.js";

export type { SkippedEvents } from "../event.js";
export type { BasicAuthSecret, OnceToken, WebhookContext, WebhookResult, WebhookSecrets } from "./common.js";
export { WebhookError } from "./common.js";

type Handler = (body: unknown, ctx: WebhookContext) => ProviderResult | Promise<ProviderResult>;

const PROVIDERS: Record<string, Handler> = {
  ses: fromSes,
  sendgrid: fromSendgrid,
  mailgun: fromMailgun,
  postmark: fromPostmark,
  sparkpost: fromSparkpost,
};

export const WEBHOOK_PROVIDERS = Object.keys(PROVIDERS);

/**
 * `body` is the parsed JSON body (or undefined to parse `ctx.rawBody`); `ctx.rawBody` is the body as
 * received, byte for byte, which signatures are computed over. Async because SNS verification fetches
 * the signing certificate.
 */
export async function fromWebhook(
  provider: string,
  body: unknown,
  ctx: WebhookContext,
): Promise<WebhookResult> {
  const handler = Object.hasOwn(PROVIDERS, provider) ? PROVIDERS[provider] : undefined;
  if (!handler) throw new WebhookError(404, `unknown webhook provider: ${provider}`);
  const result = await handler(body, ctx);
  if ("confirm" in result) return result;
  const checked = checkEvents(result.events, ctx.now ?? Date.now());
  if (result.unreadable) {
    checked.skipped.count += result.unreadable;
    checked.skipped.reasons.invalid_type = (checked.skipped.reasons.invalid_type ?? 0) + result.unreadable;
  }
  return result.once ? { ...checked, once: result.once } : checked;
}

// JSON schemas of the API: fastify validates requests with them and @fastify/swagger publishes
// them as the OpenAPI 3 document. The response shapes are the public contracts of docs/.

export const errorSchema = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: { code: { type: "string" }, message: { type: "string" } },
      required: ["code", "message"],
    },
  },
  required: ["error"],
} as const;

export const replyInputSchema = {
  type: "object",
  additionalProperties: false,
  required: ["response"],
  properties: {
    response: { type: "string", maxLength: 65536, description: "The SMTP reply or diagnostic text" },
    errorCode: { type: ["integer", "null"], minimum: 100, maximum: 999 },
    statusCode: { type: ["string", "null"], pattern: "^[245]\\.\\d{1,3}\\.\\d{1,3}$" },
    remoteHost: { type: ["string", "null"], maxLength: 255 },
    command: { type: ["string", "null"], maxLength: 32 },
  },
} as const;

export const langSchema = { type: "string", enum: ["en", "id", "all", "none"], default: "all" } as const;

/** The diagnosis (docs/diagnosis.md), loosely: the contract is documented, fields may be added. */
export const diagnosisSchema = {
  type: "object",
  additionalProperties: true,
  properties: {
    kind: { type: "string" },
    category: { type: "string" },
    errorCode: { type: ["integer", "null"] },
    statusCode: { type: ["string", "null"] },
    reason: { type: "string" },
    permanence: { type: "string" },
    provider: { type: ["string", "null"] },
  },
} as const;

export const eventInputSchema = {
  type: "object",
  additionalProperties: false,
  required: ["type", "recipient"],
  properties: {
    sourceId: {
      type: ["string", "null"],
      maxLength: 512,
      description: "Your id of this event: a repeat with the same id is stored once",
    },
    source: { type: "string", maxLength: 64, default: "api" },
    type: { type: "string", enum: ["delivered", "bounce", "deferred", "complaint", "autoreply"] },
    recipient: { type: "string", minLength: 3, maxLength: 320, pattern: "^[^\\s@]+@[^\\s@]+$" },
    timestamp: { type: "string", format: "date-time" },
    messageId: { type: ["string", "null"], maxLength: 998 },
    sender: { type: ["string", "null"], maxLength: 320 },
    sendingDomain: { type: ["string", "null"], maxLength: 255 },
    sendingIp: { type: ["string", "null"], maxLength: 64 },
    tag: { type: ["string", "null"], maxLength: 255 },
    response: { type: ["string", "null"], maxLength: 65536 },
    errorCode: { type: ["integer", "null"], minimum: 100, maximum: 999 },
    statusCode: { type: ["string", "null"], pattern: "^[245]\\.\\d{1,3}\\.\\d{1,3}$" },
    remoteHost: { type: ["string", "null"], maxLength: 255 },
    command: { type: ["string", "null"], maxLength: 32 },
  },
} as const;

export const storedResultSchema = {
  type: "object",
  properties: { inserted: { type: "integer" }, duplicates: { type: "integer" } },
  required: ["inserted", "duplicates"],
} as const;

export const eventFilterSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    from: { type: "string", format: "date-time" },
    to: { type: "string", format: "date-time" },
    type: { type: "string", enum: ["delivered", "bounce", "deferred", "complaint", "autoreply"] },
    category: { type: "string", maxLength: 32 },
    recipient: { type: "string", maxLength: 320 },
    recipientDomain: { type: "string", maxLength: 255 },
    provider: { type: "string", maxLength: 64 },
    sendingDomain: { type: "string", maxLength: 255 },
    sendingIp: { type: "string", maxLength: 64 },
    tag: { type: "string", maxLength: 255 },
  },
} as const;

/**
 * `tzOffset`: the viewer's time zone for time buckets, in minutes east of UTC. Declared as a string
 * (query parameters are not coerced) and read by `tzOffsetOf`, which answers anything else with a
 * 400 that says what is expected.
 */
export const tzOffsetSchema = {
  type: "string",
  description:
    "Time zone of the time buckets, in whole minutes east of UTC from -840 to 840 (420 for UTC+07:00, -300 for UTC-05:00; default 0): day and week buckets start at that zone's midnight. Bucket labels stay UTC instants (ISO 8601) of the bucket start.",
} as const;

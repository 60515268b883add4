import type { Localized } from "../catalog/types.js";
import type { ReplyInput } from "./diagnosis.js";

/**
 * A caller's input that cannot be diagnosed; its message says what is wrong (in English; `texts` in
 * every language, for the CLI).
 */
export class InputError extends Error {
  override name = "InputError";

  constructor(readonly texts: Localized) {
    super(texts.en);
  }
}

const FIELDS = new Set(["response", "errorCode", "statusCode", "remoteHost", "command"]);

/**
 * Reads a reply input given as JSON (one NDJSON line, one API batch item):
 * `{ response, errorCode?, statusCode?, remoteHost?, command? }`. Throws InputError.
 */
export function parseReplyInput(value: unknown): ReplyInput {
  if (typeof value === "string") return { response: value };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError({
      en: 'expected a string or an object with a "response" string',
      id: 'yang diharapkan: string atau objek dengan string "response"',
    });
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!FIELDS.has(k))
      throw new InputError({
        en: `unknown field "${k}" (expected response, errorCode, statusCode, remoteHost, command)`,
        id: `kolom "${k}" tidak dikenal (yang diharapkan: response, errorCode, statusCode, remoteHost, command)`,
      });
  }
  if (typeof o.response !== "string") throw notString("response");
  const out: ReplyInput = { response: o.response };
  if (o.errorCode !== undefined && o.errorCode !== null) {
    const n =
      typeof o.errorCode === "string" && /^\d{3}$/.test(o.errorCode.trim())
        ? Number(o.errorCode)
        : o.errorCode;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 100 || n > 999) {
      throw new InputError({
        en: '"errorCode" must be a 3-digit number such as 550',
        id: '"errorCode" harus berupa angka 3 digit seperti 550',
      });
    }
    out.errorCode = n;
  }
  for (const k of ["statusCode", "remoteHost", "command"] as const) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") throw notString(k);
    out[k] = v;
  }
  // Spaces around a code are allowed, so spaces alone are no code, as "" is.
  if (typeof out.statusCode === "string" && !out.statusCode.trim()) delete out.statusCode;
  if (out.statusCode && !/^[245]\.\d{1,3}\.\d{1,3}$/.test(out.statusCode.trim())) {
    throw new InputError({
      en: '"statusCode" must be an enhanced status code such as 5.1.1',
      id: '"statusCode" harus berupa kode status tambahan (enhanced status code) seperti 5.1.1',
    });
  }
  return out;
}

function notString(field: string): InputError {
  return new InputError({ en: `"${field}" must be a string`, id: `"${field}" harus berupa string` });
}

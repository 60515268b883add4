import type { BounceMessage } from "../message.js";
import type { RecipientRecord } from "../types.js";

/**
 * A bounce format: the body an MTA or a service writes when it is not (only) an RFC 3464 report.
 * One file per format; each names the real messages it was written for in its comments.
 */
export interface FormatDecoder {
  /** Stable id, reported as `decoder`: `postfix`, `qmail`, `exchange2007`, … */
  id: string;
  /** A cheap test on headers and text: does this decoder know the message? */
  detect(msg: BounceMessage): boolean;
  /**
   * The recipients it reads. `dsn` holds what the message's delivery-status parts say, which a
   * decoder may return as it is, enrich (a better diagnostic from the body) or replace.
   * An empty list means the decoder could not read the message after all.
   */
  decode(msg: BounceMessage, dsn: RecipientRecord[]): RecipientRecord[];
}

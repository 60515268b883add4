import type { ProviderDef } from "../types.js";
import { APPLE } from "./apple.js";
import { ATT } from "./att.js";
import { BARRACUDA } from "./barracuda.js";
import { CISCO } from "./cisco.js";
import { COMCAST } from "./comcast.js";
import { COX } from "./cox.js";
import { GMAIL } from "./gmail.js";
import { GMX } from "./gmx.js";
import { GODADDY } from "./godaddy.js";
import { MAILRU } from "./mailru.js";
import { MICROSOFT } from "./microsoft.js";
import { MIMECAST } from "./mimecast.js";
import { NETEASE } from "./netease.js";
import { ORANGE } from "./orange.js";
import { PROOFPOINT } from "./proofpoint.js";
import { RACKSPACE } from "./rackspace.js";
import { SPARKPOST } from "./sparkpost.js";
import { T_ONLINE } from "./t-online.js";
import { TENCENT } from "./tencent.js";
import { YAHOO } from "./yahoo.js";
import { YANDEX } from "./yandex.js";
import { ZOHO } from "./zoho.js";

/** Receiving providers' knowledge, one file each (and a sending service's own replies: SparkPost). */
export const PROVIDERS: readonly ProviderDef[] = [
  GMAIL,
  MICROSOFT,
  YAHOO,
  APPLE,
  COMCAST,
  ATT,
  COX,
  GMX,
  ORANGE,
  MAILRU,
  YANDEX,
  ZOHO,
  GODADDY,
  RACKSPACE,
  TENCENT,
  NETEASE,
  T_ONLINE,
  PROOFPOINT,
  MIMECAST,
  BARRACUDA,
  CISCO,
  SPARKPOST,
];

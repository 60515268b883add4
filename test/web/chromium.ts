// The system Chromium (Debian's `chromium`, installed by scripts/setup-chromium.sh) and the flags the
// browser tests and the dashboard benchmark start it with: headless, offline-quiet (no background
// networking, updates or sync). playwright-core gives each launch a fresh temporary --user-data-dir.
export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

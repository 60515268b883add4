// The package's entry points as a consumer imports them (package self-reference through "exports").
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, { types: string; default: string }>;
};

test("every entry point of package.json exists with its types", () => {
  for (const [name, entry] of Object.entries(pkg.exports)) {
    assert.ok(existsSync(join(root, entry.default)), `${name}: ${entry.default}`);
    assert.ok(existsSync(join(root, entry.types)), `${name}: ${entry.types}`);
  }
});

test('"diagnosa" gives diagnose and parseBounce; "diagnosa/checks" gives the checks', async () => {
  const main = await import("diagnosa");
  assert.equal(main.diagnose("552 5.2.2 Mailbox full").category, "inbox_full");
  assert.equal(typeof main.parseBounce, "function");
  const checks = await import("diagnosa/checks");
  for (const name of ["checkDomain", "checkIp", "checkEmailAddress", "checkEmailMessage", "checksFor"])
    assert.equal(typeof (checks as Record<string, unknown>)[name], "function", name);
  const report = await checks.checkEmailAddress("not an address");
  assert.equal(report.findings[0]?.id, "address.syntax");
});

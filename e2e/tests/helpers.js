// Shared set-up of kinmap's browser tests: Debian's Chromium driven by
// playwright-core, axe-core on every page, a screenshot of every page.
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";

export const BASE = process.env.KINMAP_URL || "http://127.0.0.1:18480";
export const SHOTS = process.env.KINMAP_SHOTS || path.resolve("..", "out", "screenshots");
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

// axeChecked lists every page checked, for the report at the end.
export const axeChecked = [];

// check runs axe-core on the page (WCAG 2.2 A and AA) and fails on any
// serious or critical violation, then saves a screenshot as name.png.
export async function check(page, name) {
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeChecked.push(name);
  await page.screenshot({ path: path.join(SHOTS, name + ".png"), fullPage: true });
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`), [],
    `axe found serious or critical problems on ${name}`);
}

// signIn signs in through the demo sign-in page as user.
export async function signIn(browser, user) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(BASE + "/");
  await page.getByRole("button", { name: "Sign in as " + user, exact: true }).click();
  await page.waitForLoadState("load");
  return { context, page };
}

export { assert };

// Scenario 11 of issue 11: OpenID Connect sign-in in the browser, against
// auth/authtest's issuer (internal/testissuer, started by scripts/e2e.sh),
// which signs in the synthetic team manager KINMAP_OIDC_USER.
import { test, before, after } from "node:test";
import { BASE, launch, check, signIn, assert } from "./helpers.js";

const USER = process.env.KINMAP_OIDC_USER || "manager-oidc";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("11. the OIDC flow against the local test issuer signs a user in with the right role, audited", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(BASE + "/signin");
  await page.getByRole("link", { name: "Sign in with your council account" }).click();
  // kinmap -> the issuer's /authorize -> kinmap's /auth/callback -> the caseload.
  await page.waitForURL(/\/caseload$/);
  const who = await page.locator("header").innerText();
  assert.match(who, new RegExp(`Signed in as ${USER}\\s*\\(team manager\\)`));
  const nav = await page.getByRole("navigation", { name: "Main" }).innerText();
  assert.match(nav, /Sibling placement report/, "a manager's menu has the report");
  // team-north's children: Kie (worker-a's) is on the team's caseload.
  await page.getByRole("link", { name: "Kie", exact: true }).click();
  await page.waitForURL(/\/children\/ard-kieran$/);
  assert.equal(await page.locator("figure.map svg").count(), 1, "the child's map is on the page");
  await check(page, "oidc-child");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "You have signed out" }).waitFor();
  await context.close();

  // The manager's page views are on the audit trail under their user.
  const admin = await signIn(browser, "admin-a");
  await admin.page.getByLabel("User").fill(USER);
  await admin.page.getByRole("button", { name: "Filter" }).click();
  const trail = await admin.page.locator("table.audit").innerText();
  assert.match(trail, /read_network/, `the audit trail shows ${USER} reading a child's record`);
  assert.match(trail, /ard-kieran/, `the audit trail names the child ${USER} opened`);
  await admin.context.close();
});

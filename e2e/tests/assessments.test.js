// Issue 12: the assessment and plan action forms in a real browser: an
// assessment in the future is refused by the field and writes nothing; a
// valid one shows on the child's page; a plan action in the child's words
// shows on My Connections Plan.
import { test, before, after } from "node:test";
import { BASE, launch, check, signIn, assert } from "./helpers.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const todayISO = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });

test("12. a worker records an assessment and a plan action for Kieran", async () => {
  const { context, page } = await signIn(browser, "worker-a");
  await page.goto(BASE + "/children/ard-kieran");
  await page.getByRole("link", { name: "Record an assessment" }).click();
  await page.getByLabel("Date of the assessment").fill("2099-01-01");
  await page.getByLabel("Stage").selectOption("review");
  await page.getByRole("button", { name: "Record assessment" }).click();
  await page.locator("#f-date-error").waitFor();
  assert.match(await page.locator("#f-date-error").innerText(), /future/);
  await check(page, "form-assessment-error");
  await page.goto(BASE + "/children/ard-kieran");
  assert.ok(!(await page.locator("main").innerText()).includes("review, 1 January 2099"), "nothing was written");

  await page.getByRole("link", { name: "Record an assessment" }).click();
  await page.getByLabel("Date of the assessment").fill(todayISO);
  await page.getByLabel("Stage").selectOption("review");
  await page.getByLabel("Connection with").selectOption("ard-amy");
  await page.getByLabel("Living", { exact: true }).selectOption("keep_together");
  await page.getByRole("button", { name: "Record assessment" }).click();
  await page.waitForURL(/\/children\/ard-kieran$/);
  assert.match(await page.locator("main").innerText(), new RegExp("last family connections assessment: review, " + today));

  await page.getByRole("link", { name: "Add a plan action" }).click();
  await page.getByLabel("Connection", { exact: true }).selectOption("ard-lily");
  await page.getByLabel("What will be done").fill("arrange a call with Lily at the weekend");
  await page.getByLabel("Who owns it").selectOption("carer");
  await page.getByLabel("Due by").fill("2099-06-01");
  await page.getByLabel("In the child's words (optional)").fill("phone Lily at the weekend");
  await check(page, "form-plan-action");
  await page.getByRole("button", { name: "Add to the plan" }).click();
  await page.waitForURL(/\/children\/ard-kieran$/);
  await page.goto(BASE + "/children/ard-kieran/plan");
  const plan = await page.locator("main").innerText();
  assert.match(plan, /phone Lily at the weekend/);
  assert.ok(!plan.includes("arrange a call with Lily"), "My Connections Plan shows the child's words only");
  await check(page, "plan-with-actions");
  await context.close();
});

// kinmap's web app in a real browser: the scenarios 1-10 (11, OIDC,
// is in oidc.test.js, against the test issuer scripts/e2e.sh starts).
import { test, before, after } from "node:test";
import http from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import { BASE, SHOTS, launch, check, signIn, assert, axeChecked } from "./helpers.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); console.log("axe checked: " + axeChecked.join(", ")); });

const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const todayISO = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });

test("1. a worker signs in on the demo page, opens the caseload and a child", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE + "/");
  assert.match(page.url(), /\/signin$/);
  await check(page, "signin");
  await page.getByRole("button", { name: "Sign in as worker-a", exact: true }).click();
  await page.waitForURL(/\/caseload$/);
  await assert.doesNotReject(page.getByRole("heading", { level: 1, name: "Children" }).waitFor());
  await check(page, "caseload");
  await page.screenshot({ path: path.join(SHOTS, "readme-caseload.png") });
  await page.setViewportSize({ width: 320, height: 800 });
  await check(page, "caseload-320px");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel("Search by name").fill("amy");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Amy Ardvane" }).click();
  await page.waitForURL(/\/children\/ard-amy$/);
  assert.equal(await page.locator("figure.map svg").count(), 1, "the child's map is on the page");
  await check(page, "child");
  await page.screenshot({ path: path.join(SHOTS, "readme-child.png") });
  await context.close();
});

test("2-4. add a brother in another foster home; an invalid date writes nothing; a contact updates last contact", async () => {
  const { context, page } = await signIn(browser, "worker-a");
  await page.goto(BASE + "/children/ard-amy");
  const rowsBefore = await page.locator("section[aria-labelledby=people-h] tbody tr").count();

  // 3. a relationship with an impossible date: the error by the field, what was typed kept, nothing written.
  await page.getByRole("link", { name: "Add a relationship" }).click();
  await page.getByLabel("Who").selectOption("ard-kieran");
  await page.getByLabel("Relationship to the child").selectOption("sibling");
  await page.getByLabel("For a brother or sister: what kind").selectOption("full");
  await page.getByLabel("Why they live apart").selectOption("no_placement_for_group");
  await page.getByLabel("Date of the decision").fill("2024-02-30");
  await page.getByRole("button", { name: "Save relationship" }).click();
  await page.locator("#f-separation-decided-error").waitFor();
  assert.match(await page.locator("#f-separation-decided-error").innerText(), /real date/);
  assert.equal(await page.getByLabel("Date of the decision").inputValue(), "2024-02-30");
  await check(page, "form-relationship-error");
  await page.goto(BASE + "/children/ard-amy");
  assert.equal(await page.locator("section[aria-labelledby=people-h] tbody tr").count(), rowsBefore, "nothing was written");

  // 2. a brother, looked after, in a different foster home.
  await page.getByRole("link", { name: "Add a person" }).click();
  await check(page, "form-person");
  await page.getByLabel("Full name").fill("Tam Ardvane");
  await page.getByLabel("Looked after (in care)").check();
  await page.getByRole("button", { name: "Add person" }).click();
  await page.waitForURL(/relationships\/new/);
  await page.getByLabel("Relationship to the child").selectOption("sibling");
  await page.getByLabel("For a brother or sister: what kind").selectOption("full");
  await page.getByLabel("Which circle the child puts them in").selectOption("closest");
  await page.getByLabel("In the child's own words (optional)").fill("my wee brother Tam");
  await check(page, "form-relationship");
  await page.getByRole("button", { name: "Save relationship" }).click();
  await page.waitForURL(/\/children\/ard-amy$/);
  const mapBefore = await page.locator("figure.map svg").innerHTML();
  await page.getByRole("link", { name: "Add a home" }).click();
  await check(page, "form-household");
  await page.getByLabel("Kind of home").selectOption("foster");
  await page.getByLabel("Short name").fill("Foster home (Tam)");
  await page.getByLabel("Address (optional)").fill("99 Secret Road, Hiddenton");
  await page.getByLabel(/The address is confidential/).check();
  await page.getByRole("button", { name: "Add home" }).click();
  await page.waitForURL(/moves\/new/);
  const tam = await page.locator("#f-person option", { hasText: "Tam Ardvane" }).getAttribute("value");
  await page.getByLabel("Who moved").selectOption(tam);
  await page.getByLabel("From").fill("2026-01-05");
  await check(page, "form-move");
  await page.getByRole("button", { name: "Record move" }).click();
  await page.waitForURL(/\/children\/ard-amy$/);
  const flags = await page.locator(".flag-list").innerText();
  assert.match(flags, /Brothers and sisters living apart/);
  assert.match(flags, /Tam/);
  const mapAfter = await page.locator("figure.map svg").innerHTML();
  assert.notEqual(mapAfter, mapBefore, "the map changed");
  assert.match(mapAfter, /Tam/);
  await check(page, "child-after-brother");

  // 4. a contact with Kie changes his last contact.
  const cell = page.locator('td.last-contact[data-person="ard-kieran"]');
  const lastBefore = await cell.innerText();
  await page.getByRole("link", { name: "Record contact" }).click();
  await page.getByLabel("Contact with").selectOption("ard-kieran");
  await page.getByLabel("Date of the contact").fill(todayISO);
  await page.getByLabel("What kind of contact").selectOption("visit");
  await check(page, "form-contact");
  await page.getByRole("button", { name: "Record contact" }).click();
  await page.waitForURL(/\/children\/ard-amy$/);
  const lastAfter = await cell.innerText();
  assert.notEqual(lastAfter, lastBefore);
  assert.equal(lastAfter, today);

  // The other pages of a child, checked and photographed.
  for (const [link, name] of [["Brothers and sisters", "sibling-group"], ["Review: what changed", "review"], ["My Connections Plan", "plan"]]) {
    await page.goto(BASE + "/children/ard-amy");
    await page.getByRole("link", { name: link, exact: true }).click();
    await page.waitForLoadState("load");
    await check(page, name);
  }
  await page.goto(BASE + "/children/ard-amy/relationships/new");
  await context.close();
});

test("5. the family map download holds no confidential address or carer surname", async () => {
  const { context, page } = await signIn(browser, "worker-a");
  const doc = JSON.parse(readFileSync("../fixtures/families/ardvane.json", "utf8"));
  const recs = doc.records || doc;
  const secrets = ["99 Secret Road", "Hiddenton"];
  for (const h of recs.households) if (h.confidential) secrets.push(h.address.split(",")[0], h.locality || "x-none");
  for (const r of recs.relationships) {
    if (r.kind.endsWith("_carer") && r.to === "ard-kieran") {
      const p = recs.people.find((q) => q.id === r.from);
      secrets.push(p.full_name.split(" ").slice(-1)[0]);
    }
  }
  await page.goto(BASE + "/children/ard-kieran?audience=family");
  await check(page, "child-family-audience");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "SVG" }).click()]);
  const svg = readFileSync(await download.path(), "utf8");
  assert.match(svg, /<svg/);
  for (const s of secrets) assert.ok(!svg.includes(s), `the family map contains ${s}`);
  const png = await page.request.get(BASE + "/children/ard-kieran/map.png?audience=family");
  assert.equal(png.headers()["content-type"], "image/png");
  await context.close();
});

test("6. a child outside the caseload, by URL, is the 404 page", async () => {
  const { context, page } = await signIn(browser, "worker-a");
  const res = await page.goto(BASE + "/children/bal-mason");
  assert.equal(res.status(), 404);
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  await check(page, "not-found");
  await context.close();
});

test("7. a form posted from another site is refused", async () => {
  const { context, page } = await signIn(browser, "worker-a");
  const evil = http.createServer((req, res) => {
    res.setHeader("Content-Type", "text/html");
    res.end(`<!doctype html><title>x</title><form method="post" action="${BASE}/children/ard-amy/contacts">
      <input name="to" value="ard-kieran"><input name="date" value="2026-01-01"><input name="kind" value="visit">
      <button>Go</button></form>`);
  });
  await new Promise((r) => evil.listen(0, "127.0.0.2", r));
  try {
    await page.goto(`http://127.0.0.2:${evil.address().port}/`);
    const [res] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Go" }).click()]);
    assert.equal(res.status(), 403);
    assert.match(await page.locator("main").innerText(), /another website/);
    await check(page, "cross-origin-refused");
  } finally {
    evil.close();
  }
  await context.close();
});

test("8. reviewing officer, evaluator and admin do their jobs", async () => {
  let { context, page } = await signIn(browser, "iro-a");
  await page.goto(BASE + "/children/ard-amy/sibling-group");
  assert.match(await page.locator("main").innerText(), /Where each of them lives/);
  await check(page, "iro-sibling-group");
  await context.close();

  ({ context, page } = await signIn(browser, "evaluator-a"));
  assert.match(page.url(), /\/reports$/);
  const text = await page.locator("main").innerText();
  assert.match(text, /Looked-after children/);
  for (const name of ["Amy", "Ardvane", "Kieran"]) assert.ok(!text.includes(name), `the report names ${name}`);
  await check(page, "evaluator-report");
  const csv = await page.request.get(BASE + "/reports/sibling-placements.csv");
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()["content-type"], /text\/csv/);
  await context.close();

  ({ context, page } = await signIn(browser, "admin-a"));
  await page.getByLabel("User").fill("worker-a");
  await page.getByRole("button", { name: "Filter" }).click();
  const trail = await page.locator("table.audit").innerText();
  for (const action of ["create_relationship", "create_person", "move", "create_contact", "read_network", "read_map"]) {
    assert.match(trail, new RegExp(action), `the audit trail shows the worker's ${action}`);
  }
  await check(page, "admin-audit");
  await page.goto(BASE + "/admin/tokens");
  await page.getByLabel("User", { exact: true }).fill("e2e-robot");
  await page.getByLabel("Role").selectOption("evaluator");
  await page.getByRole("button", { name: "Create token" }).click();
  assert.match(await page.locator(".token").innerText(), /^km_/);
  await check(page, "admin-tokens");
  await page.getByRole("button", { name: "Revoke token of e2e-robot" }).click();
  await page.getByText("The token was revoked.").waitFor();
  await context.close();
});

test("9. after signing out, the back button shows no child data", async () => {
  const { context, page } = await signIn(browser, "worker-a");
  await page.goto(BASE + "/children/ard-amy");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "You have signed out" }).waitFor();
  await check(page, "signed-out");
  await page.goBack();
  await page.waitForLoadState("load");
  const body = await page.locator("body").innerText();
  assert.ok(!body.includes("Amy Ardvane") && !body.includes("Connections map"), "child data shown after sign-out");
  assert.match(page.url(), /\/signin$/);
  await context.close();
});

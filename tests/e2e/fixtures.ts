import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { HomePage, SignInPage, SignUpPage, SiteHeader } from './pages/auth-pages';

export interface TestUser {
  name: string;
  email: string;
  password: string;
  role: 'STUDENT' | 'INSTRUCTOR';
}

let counter = 0;
/** A unique user per test (tests run in parallel against one database). */
export function newUser(role: TestUser['role'] = 'STUDENT'): TestUser {
  counter += 1;
  const id = `${Date.now().toString(36)}-${process.pid}-${counter}`;
  return { name: `Tester ${id}`, email: `t-${id}@example.test`, password: `correct horse ${id}`, role };
}

let addressCounter = 0;
/**
 * A client address of its own for a browser context or request context (sent as
 * X-Forwarded-For, which the server keys sign-in and sign-up limits by: see
 * lib/auth/client-address.ts), so that parallel tests do not share one address's limits.
 */
export function newClientAddress(): string {
  addressCounter += 1;
  return `10.${process.pid & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/** Fails on serious or critical accessibility violations on the current page. */
export async function expectAccessible(page: Page) {
  // Page metadata (the <title>) is streamed after the body and re-streamed when a server
  // action refreshes the page; axe reads one moment, so wait until the title is there. A page
  // that never gets a title still fails here.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/**
 * A new browser context (its own cookies; `options` such as a locale or a phone's viewport) with
 * this user signed up and at /home; null: anonymous.
 */
export async function signedInPage(browser: Browser, user: TestUser | null, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...options, extraHTTPHeaders: { 'x-forwarded-for': newClientAddress() } });
  const page = await context.newPage();
  if (!user) return page;
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.fill(user);
  await signUp.submit();
  // Sign-up hashes the password: on a busy machine that can take a while.
  await expect(page).toHaveURL(/\/home$/, { timeout: 30_000 });
  await new HomePage(page).expectWelcome(user.name);
  return page;
}

/**
 * A cast for authorization tests: one signed-in page per named user (each in its own
 * context) plus an anonymous page.
 */
export async function signedInCast<K extends string>(browser: Browser, roles: Record<K, TestUser['role']>) {
  const users = Object.fromEntries(Object.entries(roles).map(([who, role]) => [who, newUser(role as TestUser['role'])])) as Record<K, TestUser>;
  const pages = { anonymous: await signedInPage(browser, null) } as Record<K | 'anonymous', Page>;
  for (const who of Object.keys(users) as K[]) pages[who] = await signedInPage(browser, users[who]);
  return { users, pages };
}

export const test = base.extend<{
  signUpPage: SignUpPage;
  signInPage: SignInPage;
  homePage: HomePage;
  header: SiteHeader;
  signUp: (user: TestUser) => Promise<void>;
}>({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => provide({ ...extraHTTPHeaders, 'x-forwarded-for': newClientAddress() }),
  signUpPage: async ({ page }, provide) => provide(new SignUpPage(page)),
  signInPage: async ({ page }, provide) => provide(new SignInPage(page)),
  homePage: async ({ page }, provide) => provide(new HomePage(page)),
  header: async ({ page }, provide) => provide(new SiteHeader(page)),
  signUp: async ({ signUpPage, homePage }, provide) => {
    await provide(async (user) => {
      await signUpPage.goto();
      await signUpPage.fill(user);
      await signUpPage.submit();
      await homePage.expectWelcome(user.name);
    });
  },
});

export { expect };

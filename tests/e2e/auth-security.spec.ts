// What an attacker would try against sign-in, sign-up and sessions, over HTTP and in the browser.
import { request as playwrightRequest } from '@playwright/test';
import { MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_CLIENT_AND_EMAIL, SIGN_UP_LIMITS } from '@/lib/auth/throttle';
import { expect, newClientAddress, newUser, test } from './fixtures';
import { AuthApi, type SignInOutcome } from './pages/auth-pages';

/** An HTTP client with its own cookies and its own client address. */
async function apiFromNewAddress(baseURL: string | undefined) {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': newClientAddress() } });
  return { context, api: new AuthApi(context) };
}

function tally(outcomes: SignInOutcome[]) {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

const HOSTILE_CALLBACKS = ['%2F%09%2Fevil.example', '%2F%0A%2Fevil.example', '%2F%0D%2Fevil.example', '%2F%5Cevil.example', '%2F%2Fevil.example', 'https%3A%2F%2Fevil.example%2F', '0', '%FF', ''];

test('a signed-in visit to /sign-in never redirects off the site, whatever the callbackUrl', async ({ page, signUp, baseURL }) => {
  await signUp(newUser());
  const origin = new URL(baseURL!).origin;
  for (const value of HOSTILE_CALLBACKS) {
    const response = await page.request.get(`/sign-in?callbackUrl=${value}`, { maxRedirects: 0 });
    expect(response.status(), value).toBeGreaterThanOrEqual(300);
    expect(response.status(), value).toBeLessThan(400);
    const target = new URL(response.headers().location ?? '', `${origin}/sign-in`);
    expect(target.origin, value).toBe(origin);
    expect(target.pathname, value).toBe('/home');
  }
  // A same-site path is still followed.
  const ok = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent('/stats?x=1')}`, { maxRedirects: 0 });
  expect(new URL(ok.headers().location ?? '', origin).pathname).toBe('/stats');
});

test('hostile callbackUrls give no 5xx anywhere in sign-in, signed out', async ({ baseURL }) => {
  const { context, api } = await apiFromNewAddress(baseURL);
  const csrfToken = await api.csrfToken();
  for (const value of HOSTILE_CALLBACKS) {
    for (const path of ['/sign-in', '/api/auth/session', '/api/auth/providers', '/api/auth/signin']) {
      const response = await context.get(`${path}?callbackUrl=${value}`, { maxRedirects: 0 });
      expect(response.status(), `${path} ${value}`).toBeLessThan(500);
      const location = response.headers().location;
      if (location) expect(new URL(location, baseURL).origin, `${path} ${value}`).toBe(new URL(baseURL!).origin);
    }
    // next-auth's own redirect after a sign-in attempt stays on the site too.
    const response = await context.post('/api/auth/callback/credentials', {
      form: { email: 'nobody@example.test', password: 'x', csrfToken, json: 'true', callbackUrl: decodeURIComponent(value.replace('%FF', '')) },
      maxRedirects: 0,
    });
    expect(response.status(), `callback ${value}`).toBeLessThan(500);
    expect(new URL(((await response.json()) as { url: string }).url).origin).toBe(new URL(baseURL!).origin);
  }
  // A callback-url cookie planted by someone else is dropped, not a 500.
  for (const value of ['0', 'https://evil.example/']) {
    const response = await context.get('/api/auth/session', { headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` } });
    expect(response.status(), `cookie ${value}`).toBeLessThan(500);
  }
  await context.dispose();
});

test('a session token copied before sign-out no longer loads pages after it', async ({ page, browser, signUp, header, baseURL }) => {
  const user = newUser();
  await signUp(user);
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.includes('next-auth.session-token'))).toBe(true);
  await header.signOut();

  const thief = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': newClientAddress() } });
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto('/home');
  await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=/);
  await stolen.goto('/stats');
  await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=/);
  const session = await thief.request.get(`${baseURL}/api/auth/session`);
  expect(await session.json()).toEqual({});
  await thief.close();
});

test(`40 concurrent wrong passwords from one client: at most ${MAX_FAILURES_PER_CLIENT_AND_EMAIL} are checked, and the owner still signs in`, async ({ page, signUp, header, signInPage, homePage, baseURL }) => {
  test.setTimeout(120_000);
  const user = newUser();
  await signUp(user);
  await header.signOut();

  const { context, api } = await apiFromNewAddress(baseURL);
  const csrfToken = await api.csrfToken();
  const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => api.signIn(user.email, `wrong password ${i}`, csrfToken)));
  const counts = tally(outcomes);
  console.log(`burst of 40 for one email from one client: ${JSON.stringify(counts)}`);
  expect(counts.invalid ?? 0).toBeLessThanOrEqual(MAX_FAILURES_PER_CLIENT_AND_EMAIL);
  // The rest were refused unchecked: throttled, or "busy" if another test filled the password queue.
  expect((counts.invalid ?? 0) + (counts.throttled ?? 0) + (counts.busy ?? 0)).toBe(40);
  // Guesses refused as busy were not counted, and a burst's "throttled" may have counted
  // guesses still pending that were then withdrawn as busy: go on one at a time until a
  // single guess is throttled; burst and all, no more than the limit are ever checked.
  let checked = counts.invalid ?? 0;
  let last = '';
  for (let i = 0; last !== 'throttled' && i < 40; i++) {
    last = await api.signIn(user.email, `wrong password again ${i}`, csrfToken);
    if (last === 'invalid') checked += 1;
  }
  expect(last).toBe('throttled');
  expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_CLIENT_AND_EMAIL);
  // Even the right password is refused from that client now.
  expect(await api.signIn(user.email, user.password, csrfToken)).toBe('throttled');
  await context.dispose();

  // The owner, at their own address, is not locked out by it.
  const started = Date.now();
  await signInPage.goto();
  await signInPage.signIn(user.email, user.password);
  await homePage.expectWelcome(user.name);
  console.log(`owner's sign-in after the burst: ${Date.now() - started} ms`);
  await expect(page).toHaveURL(/\/home$/);
});

test(`30 emails × 1 guess from one client: at most ${MAX_FAILURES_PER_CLIENT} are checked`, async ({ baseURL }) => {
  const { context, api } = await apiFromNewAddress(baseURL);
  const csrfToken = await api.csrfToken();
  // Five at a time: enough overlap to race, too few to fill the password queue; an attempt
  // answered "busy" (another test is hashing too) was not checked, and is sent again.
  const outcomes: SignInOutcome[] = [];
  for (let wave = 0; wave < 6; wave++) {
    const emails = Array.from({ length: 5 }, (_, i) => `sprayed-${Date.now()}-${wave}-${i}@example.test`);
    outcomes.push(
      ...(await Promise.all(
        emails.map(async (email) => {
          for (let tries = 0; ; tries++) {
            const outcome = await api.signIn(email, 'Password123!', csrfToken);
            if (outcome !== 'busy' || tries === 20) return outcome;
          }
        }),
      )),
    );
  }
  const counts = tally(outcomes);
  console.log(`30 emails × 1 guess from one client: ${JSON.stringify(counts)}`);
  expect(counts.invalid ?? 0).toBeLessThanOrEqual(MAX_FAILURES_PER_CLIENT);
  expect((counts.invalid ?? 0) + (counts.throttled ?? 0)).toBe(30);
  await context.dispose();
});

test(`one client address creates at most ${SIGN_UP_LIMITS[0].max} accounts in ${SIGN_UP_LIMITS[0].windowMs / 60_000} minutes`, async ({ page, signUp, signUpPage }) => {
  for (let i = 0; i < SIGN_UP_LIMITS[0].max; i++) {
    await signUp(newUser());
    await page.context().clearCookies();
  }
  const extra = newUser();
  await signUpPage.goto();
  await signUpPage.fill(extra);
  await signUpPage.submit();
  await expect(signUpPage.error('form')).toContainText('Too many accounts were created from this network');
  await expect(page).toHaveURL(/\/sign-up$/);
});

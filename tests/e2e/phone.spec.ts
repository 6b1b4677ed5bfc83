import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { PracticePage } from './pages/practice-page';

test.use({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });

test('at phone size the header is compact, a question fits without sideways scrolling, and a graded choice marks the chosen and the right option', async ({ browser }) => {
  const page = await signedInPage(browser, newUser());
  await page.context().addCookies([{ name: 'lockstep-locale', value: 'ko', url: page.url() }]);
  const practice = new PracticePage(page);
  const question = await practice.open('lock-holder', 2, 4242);
  // The header takes two short rows at most, not a column of links above the question.
  const header = await page.getByRole('banner').boundingBox();
  expect(header!.height).toBeLessThan(130);
  const wrong = practice.wrongAnswer(question);
  await practice.enter(question, wrong);
  await practice.check();
  const scroll = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(scroll.page).toBeLessThanOrEqual(scroll.view);
  // Words, not only colour: the chosen wrong option and the right one say which they are.
  const chosen = page.locator('label', { has: page.locator(`input[data-option="${wrong as string}"]`) });
  await expect(chosen.getByTestId('option-mark')).toHaveAttribute('data-mark', 'chosen-wrong');
  await expect(chosen.getByTestId('option-mark')).toContainText('내가 고른 답');
  const right = page.locator('label', { has: page.locator(`input[data-option="${question.answer as string}"]`) });
  await expect(right.getByTestId('option-mark')).toContainText('정답');
  await expect(page.getByTestId('option-mark')).toHaveCount(2);
  await expectAccessible(page);
  await page.close();
});

test('the app installs: a manifest with icons that load, and an offline page when the server cannot be reached', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest.start_url).toBe('/drill');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(['192x192', '512x512']);
  for (const icon of manifest.icons as { src: string; type: string }[]) {
    const response = await page.request.get(icon.src);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe(icon.type);
    expect((await response.body()).subarray(1, 4).toString()).toBe('PNG');
  }
  await page.goto('/');
  await expect(page.locator('link[rel="manifest"]').first()).toHaveAttribute('href', '/manifest.webmanifest');
  // The service worker keeps the offline page; with the network gone, a page shows it.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => caches.has('lockstep-offline-1'))).toBe(true);
  await page.reload();
  await context.setOffline(true);
  await page.goto(`${baseURL}/drill`).catch(() => undefined);
  await expect(page.getByTestId('offline')).toBeVisible();
  await expect(page.getByTestId('offline')).toContainText('오프라인 상태입니다');
  await context.setOffline(false);
  // Online again, pages come from the server as before.
  await page.goto('/practice');
  await expect(page.getByTestId('offline')).toHaveCount(0);
  await context.close();
});

import { expect, expectAccessible, newUser, test } from './fixtures';

test('public pages are accessible in both languages and both themes', async ({ page, header }) => {
  for (const path of ['/', '/sign-in', '/sign-up', '/no-such-page']) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await header.switchLanguage('ko');
  await page.goto('/');
  await expectAccessible(page);
  await page.getByTestId('theme-switch').click(); // system → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page);
});

test('the 404 page answers 404', async ({ page }) => {
  const response = await page.goto('/definitely/not/here');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('status-404')).toBeVisible();
});

test('signed-in pages are accessible: home, teach, and the 403 page', async ({ page, signUp, header }) => {
  await signUp(newUser('INSTRUCTOR'));
  await expectAccessible(page);
  await page.goto('/teach');
  await expectAccessible(page);
  await header.signOut();
  await signUp(newUser('STUDENT'));
  await page.goto('/teach');
  await expect(page.getByTestId('status-403')).toBeVisible();
  await expectAccessible(page);
});

test('GET /api/health reports the database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe('ok');
  expect(body.database.status).toBe('ok');
  expect(body.database.migrations).toBeGreaterThan(0);
  expect(body.database.provider).toBe(process.env.E2E_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite');
  expect(body.database.migrationsCurrent).toBe(true);
  expect(body.database.pendingMigrations).toBe(0);
});

/** Extra practice's links: a bad one gets a clear message and no session, never a server error. */
import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { DrillPage } from './pages/drill-page';

test('bad practice links are refused with a message; a good one starts a session dated by the server', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedInPage(browser, newUser());
  const drill = new DrillPage(page);
  await drill.goto();
  await drill.addTopics(['lock']);
  for (const query of ['', '?count=5', '?topic=nope', '?topic=lock&count=0', '?topic=lock&count=999', '?skill=..%2Fetc&count=5', '?topic=lock&since=-1']) {
    const response = await page.goto(`/drill/practice${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByTestId('practice-invalid'), query).toBeVisible();
  }
  await expectAccessible(page);
  // A skill that is not in the deck: nothing to practise, said so.
  await page.goto('/drill/practice?topic=cow&count=5');
  await expect(page.getByTestId('practice-empty')).toBeVisible();
  // The drill page's form: the deck's topics, checked, and how many questions.
  await drill.goto();
  await expect(page.getByTestId('extra-topic-lock')).toBeChecked();
  await drill.press('extra-start');
  await expect(page).toHaveURL(/\/drill\/practice\?topic=lock&count=10&since=\d+$/);
  await expect(page.getByTestId('practice-player')).toBeVisible();
  await expectAccessible(page);
  await page.context().close();
});

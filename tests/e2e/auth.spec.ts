import { expect, newUser, signedInPage, test } from './fixtures';
import { HomePage, SignInPage } from './pages/auth-pages';

test('sign up, sign out, sign in: home shows the name', async ({ page, signUp, header, signInPage, homePage }) => {
  const user = newUser();
  await signUp(user);
  await expect(page.getByTestId('home-role')).toHaveText('Student');
  await header.signOut();
  await signInPage.goto();
  await signInPage.signIn(user.email.toUpperCase(), user.password);
  await homePage.expectWelcome(user.name);
});

test('a wrong password gets one clear message', async ({ page, signUp, header, signInPage }) => {
  const user = newUser();
  await signUp(user);
  await header.signOut();
  await signInPage.goto();
  await signInPage.signIn(user.email, 'not the password at all');
  await expect(signInPage.formError()).toHaveText('The email or password is incorrect.');
  await signInPage.signIn('nobody-here@example.test', 'not the password at all');
  await expect(signInPage.formError()).toHaveText('The email or password is incorrect.');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('sign-up field messages: invalid email, short password, email taken', async ({ page, signUp, header, signUpPage }) => {
  await signUpPage.goto();
  await signUpPage.fill({ name: 'X', email: 'not-an-email', password: 'short' });
  await signUpPage.submit();
  await expect(signUpPage.error('email')).toHaveText('Enter a valid email address.');
  await expect(signUpPage.error('password')).toHaveText('The password must be at least 10 characters long.');

  const user = newUser();
  await signUp(user);
  await header.signOut();
  await signUpPage.goto();
  await signUpPage.fill({ ...user, name: 'Someone else' });
  await signUpPage.submit();
  await expect(signUpPage.error('email')).toHaveText('An account with this email already exists.');
  await expect(page).toHaveURL(/\/sign-up/);
});

test('an anonymous visit to a protected page goes to sign-in and back after it', async ({ page, signUp, header, signInPage }) => {
  const user = newUser('INSTRUCTOR');
  await signUp(user);
  await header.signOut();
  await page.goto('/teach');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signInPage.signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/teach$/);
  await expect(page.getByTestId('teach-title')).toBeVisible();
});

test('a student gets the 403 page on the instructor page', async ({ page, signUp }) => {
  await signUp(newUser('STUDENT'));
  const response = await page.goto('/teach');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('status-403')).toBeVisible();
  await expect(page.getByTestId('teach-title')).toHaveCount(0);
});

test('switching language changes the UI and persists across sign-in', async ({ page, browser, signUp, header, signInPage }) => {
  const user = newUser();
  await signUp(user);
  await header.switchLanguage('ko');
  await expect(page.getByTestId('home-title')).toContainText('환영합니다');
  await header.signOut();

  // A different browser (no cookies) signing in gets the account's saved language.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto('/sign-in');
  await expect(other.locator('html')).toHaveAttribute('lang', 'en');
  await other.locator('#email').fill(user.email);
  await other.locator('#password').fill(user.password);
  await other.getByTestId('submit').click();
  await expect(other.getByTestId('home-title')).toContainText('환영합니다');
  await expect(other.locator('html')).toHaveAttribute('lang', 'ko');
  await context.close();

  // Anonymous visitors keep their choice in a cookie.
  await signInPage.goto();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

test('Accept-Language sets the first language of an anonymous visitor', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('스레드');
  await context.close();
});

test('after 5 failed sign-ins this browser must wait, while the owner elsewhere still signs in', async ({ browser, signUp, header, signInPage }) => {
  const user = newUser();
  await signUp(user);
  await header.signOut();
  await signInPage.goto();
  for (let i = 0; i < 5; i++) {
    await signInPage.signIn(user.email, `wrong password ${i}`);
    await expect(signInPage.formError()).toHaveText('The email or password is incorrect.');
  }
  await signInPage.signIn(user.email, user.password);
  await expect(signInPage.formError()).toContainText('Too many failed sign-ins');

  // Someone else's failures do not lock the owner out: from another address, the password works.
  const owner = await signedInPage(browser, null);
  const ownerSignIn = new SignInPage(owner);
  await ownerSignIn.goto();
  await ownerSignIn.signIn(user.email, user.password);
  await new HomePage(owner).expectWelcome(user.name);
  await owner.context().close();
});

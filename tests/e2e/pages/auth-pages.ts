import { expect, type APIRequestContext, type Page } from '@playwright/test';

export class SignUpPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/sign-up');
  }

  async fill(user: { name: string; email: string; password: string; role?: 'STUDENT' | 'INSTRUCTOR' }) {
    await this.page.locator('#name').fill(user.name);
    await this.page.locator('#email').fill(user.email);
    await this.page.locator('#password').fill(user.password);
    if (user.role === 'INSTRUCTOR') await this.page.getByTestId('role-instructor').check();
  }

  async submit() {
    await this.page.getByTestId('submit').click();
  }

  error(field: string) {
    return this.page.getByTestId(`error-${field}`);
  }
}

export class SignInPage {
  constructor(readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-in');
  }

  async signIn(email: string, password: string) {
    await this.page.locator('#email').fill(email);
    await this.page.locator('#password').fill(password);
    await this.page.getByTestId('submit').click();
  }

  formError() {
    return this.page.getByTestId('error-form');
  }
}

export class HomePage {
  constructor(readonly page: Page) {}

  async expectWelcome(name: string) {
    await expect(this.page).toHaveURL(/\/home$/);
    await expect(this.page.getByTestId('home-title')).toContainText(name);
  }
}

export class SiteHeader {
  constructor(readonly page: Page) {}

  async signOut() {
    await this.page.getByTestId('sign-out').click();
    await expect(this.page.getByRole('link', { name: /sign in|로그인/i }).first()).toBeVisible();
  }

  async switchLanguage(locale: 'en' | 'ko') {
    await this.page.getByTestId(`language-${locale}`).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', locale);
  }
}

export type SignInOutcome = 'signed-in' | 'invalid' | 'throttled' | 'busy' | `other: ${string}`;

/**
 * next-auth's credentials endpoint spoken directly over HTTP (what a script would do), from one
 * client address. The form does the same through next-auth/react.
 */
export class AuthApi {
  constructor(readonly request: APIRequestContext) {}

  async csrfToken(): Promise<string> {
    const response = await this.request.get('/api/auth/csrf');
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  async signIn(email: string, password: string, csrfToken?: string): Promise<SignInOutcome> {
    const response = await this.request.post('/api/auth/callback/credentials', {
      form: { email, password, csrfToken: csrfToken ?? (await this.csrfToken()), json: 'true', callbackUrl: '/home' },
      maxRedirects: 0,
    });
    if (response.status() >= 500) return `other: HTTP ${response.status()}`;
    const { url } = (await response.json()) as { url: string };
    const error = new URL(url).searchParams.get('error');
    if (!error) return 'signed-in';
    if (error === 'invalid-credentials') return 'invalid';
    if (error.startsWith('throttled:')) return 'throttled';
    if (error === 'busy') return 'busy';
    return `other: ${error}`;
  }
}

import { expect, type Page } from '@playwright/test';

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

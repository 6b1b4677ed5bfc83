import { expect, type Page } from '@playwright/test';

export class TeachPages {
  constructor(readonly page: Page) {}

  async createClass(name: string): Promise<{ url: string; code: string }> {
    await this.page.goto('/teach');
    await this.page.locator('#class-name').fill(name);
    await this.page.getByRole('button', { name: 'Create class' }).click();
    await this.page.getByRole('link', { name }).click();
    await expect(this.page.getByTestId('class-name')).toHaveText(name);
    return { url: this.page.url(), code: (await this.page.getByTestId('join-code').textContent()) ?? '' };
  }

  async createSet(name: string, items: { generator: string; tier: number; count: number }[]) {
    await this.page.goto('/teach/sets');
    await this.page.locator('#set-name').fill(name);
    for (const [i, item] of items.entries()) {
      await this.page.getByTestId('add-item').click();
      const row = this.page.getByTestId('set-item').nth(i);
      await row.locator('select').first().selectOption(item.generator);
      await row.locator('select').nth(1).selectOption(String(item.tier));
      await row.locator('input[type=number]').fill(String(item.count));
    }
    await this.page.getByTestId('save-set').click();
    await expect(this.page.getByTestId('set-saved')).toBeVisible();
  }

  async assign(classUrl: string, title: string) {
    await this.page.goto(classUrl);
    await this.page.locator('#a-title').fill(title);
    await this.page.getByRole('button', { name: 'Assign to the class' }).click();
    await expect(this.page.getByTestId('assignment-list')).toContainText(title);
  }
}

import type { Page } from 'playwright-core';

/**
 * Answers the confirm dialog an irreversible action asks first (Taro's showModal in H5), after checking it
 * is the expected one.
 */
export async function confirmDialog(page: Page, text: string): Promise<void> {
  const dialog = page.locator('.taro-modal__content:visible').filter({ hasText: text }).first();
  await dialog.waitFor();
  await dialog.locator('.taro-model__confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}

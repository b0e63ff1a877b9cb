/**
 * The args every story takes besides its own: the element's language and colour scheme. The Arabic
 * and Dark stories set them; otherwise Storybook's toolbar fills them in (.storybook/preview.ts), and
 * the visual suite sets `<html lang dir>` and the emulated colour scheme itself (test/visual/stage.ts).
 */
import type { ArgTypes } from '@storybook/web-components-vite';

export type Theme = '' | 'light' | 'dark';

export interface PageArgs {
  /** The element's `locale`; '' follows `<html lang>`. */
  locale: string;
  /** The element's `theme` attribute; '' (none) follows prefers-color-scheme. */
  theme: Theme;
}

/** The built-in catalogs; Arabic reads right to left. */
export const locales = ['en', 'de', 'fr', 'es', 'ja', 'ar'] as const;

/** Each module's defaults: the page's language and colour scheme. */
export const pageArgs: PageArgs = { locale: '', theme: '' };

/** Controls for them: '' is whatever the toolbar's Locale and Theme say. */
export const pageArgTypes = {
  locale: { control: { type: 'select', labels: { '': 'toolbar' } }, options: ['', ...locales] },
  theme: { control: { type: 'inline-radio', labels: { '': 'toolbar' } }, options: ['', 'light', 'dark'] },
} satisfies ArgTypes<PageArgs>;

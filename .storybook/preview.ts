/**
 * Toolbar globals for every story: the page's language and colour scheme. A story's own `locale` or
 * `theme` arg (the Arabic and Dark stories) wins over the toolbar's; either way the story's render
 * gets them as args, so the elements carry the same `locale` and `theme` the tests give them.
 */
import type { Decorator, Loader, Preview, StoryContext } from '@storybook/web-components-vite';
import { directionOf, loadLocale } from '../src/i18n/index.js';
import type { PageArgs } from '../stories/page.js';
import './preview.css';

const locales = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', ja: '日本語', ar: 'العربية (RTL)' };
const themes = { auto: 'Auto (system)', light: 'Light', dark: 'Dark' };

/** The locale and theme the story shows: its own args first, then the toolbar's (auto: no `theme` attribute). */
function pageOf({ args, globals }: StoryContext): PageArgs {
  const { locale, theme } = args as Partial<PageArgs>;
  const picked = globals as { locale: string; theme: keyof typeof themes };
  return { locale: locale || picked.locale, theme: theme || (picked.theme === 'auto' ? '' : picked.theme) };
}

/** The catalog first, so the story's first paint is already in its language. */
const catalog: Loader = async (context) => {
  await loadLocale(pageOf(context).locale);
  return {};
};

/** `<html lang dir>` and the page's colour scheme (preview.css) follow the story; the render gets both as args. */
const page: Decorator = (story, context) => {
  const { locale, theme } = pageOf(context);
  const root = document.documentElement;
  root.lang = locale;
  root.dir = directionOf(locale);
  root.dataset.theme = theme;
  return story({ args: { ...context.args, locale, theme } });
};

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Language (sets <html lang dir> and the elements’ locale)',
      toolbar: { title: 'Locale', icon: 'globe', items: toItems(locales), dynamicTitle: true },
    },
    theme: {
      description: 'Colour scheme (the elements’ theme attribute and the page)',
      toolbar: { title: 'Theme', icon: 'contrast', items: toItems(themes), dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'en', theme: 'auto' },
  loaders: [catalog],
  decorators: [page],
};
export default preview;

function toItems(titles: Record<string, string>) {
  return Object.entries(titles).map(([value, title]) => ({ value, title }));
}

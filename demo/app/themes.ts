// The themes gallery: the page chrome, and the colour-scheme switch. The brands themselves are CSS only (public/themes.css).
import '../../src/index.js';
import { addTopbar } from './chrome.js';

addTopbar();

// `theme` on each element fixes its scheme; the page follows along so each stage's own light-dark() colours match.
document.querySelector('.scheme')!.addEventListener('change', (event) => {
  const scheme = (event.target as HTMLInputElement).value;
  document.documentElement.dataset.scheme = scheme;
  for (const el of document.querySelectorAll<HTMLElement & { theme?: string }>('.gallery ciam-login')) el.theme = scheme || undefined;
});

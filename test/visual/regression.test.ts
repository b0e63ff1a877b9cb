/**
 * Visual regression of the key states: each compared with its committed baseline
 * (test/visual/baselines/<module>-<story>-<theme>-<width>[-<locale>].png), in English (and three in Arabic), light and dark,
 * desktop and phone. A missing baseline is written and reported (not on CI). Drawn by another
 * Chromium or with other fonts than the baselines (environment.json), the comparisons are skipped.
 */
import { visualDiff } from '@web/test-runner-visual-regression';
import { storiesOf } from '../fixtures/stories.js';
import { clear, show, themes, useTheme, useWidth } from './stage.js';
import { modules } from './stories.js';

const update = 'UPDATE_VISUALS=1 npm test -- visual';

/** The states people see most, one per screen of each flow. */
const keyStates: [module: string, story: string, what: string, locale?: 'ar'][] = [
  ['login', 'SignedOut', 'signed out, redirect mode'],
  ['login', 'EmbeddedIdentifier', 'embedded: email'],
  ['login', 'EmbeddedPassword', 'embedded: password'],
  ['login', 'EmbeddedWrongPassword', 'wrong password'],
  ['login', 'EmbeddedEmailCode', 'email code'],
  ['login', 'EmbeddedRateLimited', 'rate limited'],
  ['signup', 'Embedded', 'sign-up'],
  ['signup', 'VerifyEmail', 'verify email'],
  ['recovery', 'Embedded', 'recovery'],
  ['user', 'SignedIn', 'signed-in user block'],
  ['passkey', 'TwoPasskeys', 'passkey list'],
  ['passkey', 'NoPasskeys', 'no passkeys yet'],
  // Right to left: the mirrored layout and the Arabic catalog (drawn with the machine's DejaVu Sans).
  ['login', 'EmbeddedPassword', 'embedded: password, Arabic', 'ar'],
  ['login', 'EmbeddedWrongPassword', 'wrong password, Arabic', 'ar'],
  ['signup', 'Embedded', 'sign-up, Arabic', 'ar'],
];

/** The card where the element has one (the host spans the page width, so 1 % of it would be mostly empty page), else the host. */
function subject(el: HTMLElement): Element {
  return el.shadowRoot?.querySelector('[part~="card"]') ?? el;
}

describe('visual regression (against test/visual/baselines/)', () => {
  after(clear);
  for (const [module, story, what, locale = 'en'] of keyStates) {
    describe(`${module} ${story} (${what})`, () => {
      let el: HTMLElement;
      before(async () => {
        await useTheme('light');
        await useWidth(1280);
        const stories = modules[module];
        const found = stories && storiesOf(stories).find(([name]) => name === story);
        if (!found) throw new Error(`no story ${story} in stories/${module}.stories.ts`);
        el = await show(stories, found[1], locale);
      });
      for (const width of [1280, 390] as const) {
        for (const theme of themes) {
          it(`looks as before in ${theme} at ${width} px`, async function () {
            await useWidth(width);
            await useTheme(theme);
            const name = `${module}-${story}-${theme}-${width}${locale === 'en' ? '' : `-${locale}`}`;
            try {
              await visualDiff(subject(el), name);
            } catch (error) {
              if ((error as Error).message.startsWith('visual-skip:')) {
                console.log(`visual: ${name} not compared: ${(error as Error).message.slice('visual-skip:'.length)}`);
                this.skip();
              }
              const missing = (error as Error).message.includes('no baseline');
              throw new Error(
                `${module} ${story} (${what}) in ${theme} at ${width} px ${missing ? 'has no committed baseline' : 'differs from'} test/visual/baselines/${name}.png: ${(error as Error).message}\n` +
                  `Its screenshot: test-results/visual-diff/${name}.png. If the change is deliberate (or the state is new), write the baselines and commit them: ${update}`,
              );
            }
          });
        }
      }
    });
  }
});

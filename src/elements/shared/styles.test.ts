import { expect } from '@open-wc/testing';
import { lightStyles } from './forms.js';
import { baseStyles, cardStyles, shadowControls } from './styles.js';

describe('stylesheets', () => {
  it('are the minified ones that ship (scripts/css-literals.js runs in the build and in these tests)', () => {
    for (const sheet of [baseStyles, cardStyles, shadowControls, lightStyles]) {
      expect(sheet.cssText, 'no comments').not.to.include('/*');
      expect(sheet.cssText, 'no line breaks or indentation').not.to.match(/\n|\s{2}/);
    }
    expect(baseStyles.cssText).to.include(':host{color-scheme:light dark;');
  });
});

import { expect } from '@open-wc/testing';
import { matrix } from './matrix.js';
import { storyFiles } from './stage.js';
import { modules } from './stories.js';

it('the matrix renders every stories module in stories/', async () => {
  const files = (await storyFiles()).map((file) => file.replace(/\.stories\.ts$/, ''));
  expect(Object.keys(modules), 'add the new module to test/visual/stories.ts').to.have.members(files);
});

matrix('en');

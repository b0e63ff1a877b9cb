import { expect } from '@open-wc/testing';
import { lazy } from './lazy-views.js';

/** An import function whose answers the test decides, one per call: a module's name, or 'fails' for a failed import. */
function importer(...answers: string[]) {
  const calls = { count: 0 };
  const load = () => {
    const answer = answers[calls.count++] ?? 'unexpected';
    return answer === 'fails' ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve({ name: answer });
  };
  return { load, calls };
}

describe('lazy() (the loader behind the forms, later steps and message catalogs)', () => {
  it('imports once, however often and however soon it is asked, and keeps the module', async () => {
    const { load, calls } = importer('forms');
    const module = lazy(load);
    expect(module.value).to.equal(undefined);
    const [a, b] = await Promise.all([module.load(), module.load()]);
    expect(a).to.equal(b);
    expect(await module.load()).to.equal(a);
    expect(module.value).to.deep.equal({ name: 'forms' });
    expect(calls.count).to.equal(1);
  });

  it('forgets a failed import (offline), so the next action imports again', async () => {
    const { load, calls } = importer('fails', 'steps');
    const module = lazy(load);
    let failure: unknown;
    await module.load().catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(TypeError);
    expect(module.value).to.equal(undefined);
    expect(await module.load()).to.deep.equal({ name: 'steps' });
    expect(module.value).to.deep.equal({ name: 'steps' });
    expect(calls.count).to.equal(2);
  });

  it('keeps forgetting until an import succeeds', async () => {
    const { load, calls } = importer('fails', 'fails', 'messages');
    const module = lazy(load);
    await module.load().catch(() => undefined);
    await module.load().catch(() => undefined);
    expect(await module.load()).to.deep.equal({ name: 'messages' });
    await module.load();
    expect(calls.count).to.equal(3);
  });
});

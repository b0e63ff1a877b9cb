import { expect, waitUntil } from '@open-wc/testing';
import { openTabs, type TabMessage } from './tabs.js';

// Two "tabs" in one page: BroadcastChannel delivers to every other channel object of the same name.
describe('tabs in step (client/tabs.ts)', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => opened.splice(0).forEach((tabs) => tabs.close()));

  function tab(key = 'https://id.example.com|web') {
    const heard: TabMessage[] = [];
    const tabs = openTabs(key, (message) => heard.push(message))!;
    opened.push(tabs);
    return { tabs, heard };
  }

  it('a message reaches the other tabs of the same app, not the sender, not another app', async () => {
    const a = tab();
    const b = tab();
    const other = tab('https://id.example.com|another-client');
    a.tabs.post({ kind: 'signed-out' });
    await waitUntil(() => b.heard.length === 1);
    expect(b.heard).to.deep.equal([{ kind: 'signed-out' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.heard).to.deep.equal([]);
    expect(other.heard).to.deep.equal([]);
  });

  it('ask: the first answer addressed to the asker, or null when no tab answers in time', async () => {
    const asker = tab();
    const holder = tab();
    const bystander = tab();
    const answered = asker.tabs.ask(1000);
    await waitUntil(() => holder.heard.length === 1);
    const question = holder.heard[0] as Extract<TabMessage, { kind: 'ask' }>;
    expect(question.kind).to.equal('ask');
    // An answer to someone else is not this tab's.
    holder.tabs.post({ kind: 'answer', to: 'someone-else', tokens: { access_token: 'wrong' } });
    holder.tabs.post({ kind: 'answer', to: question.from, tokens: { access_token: 'at-1' } });
    expect(await answered).to.deep.equal({ access_token: 'at-1' });
    expect(bystander.heard.map((m) => m.kind)).to.deep.equal(['ask']);

    const alone = tab('https://id.example.com|nobody-else');
    expect(await alone.tabs.ask(30)).to.equal(null);
  });

  it('ignores what is not one of its messages', async () => {
    const b = tab();
    const stranger = new BroadcastChannel('ciam:https://id.example.com|web');
    stranger.postMessage('hello');
    stranger.postMessage({ kind: 'delete-everything' });
    stranger.postMessage({ kind: 'signed-out' });
    await waitUntil(() => b.heard.length === 1);
    expect(b.heard).to.deep.equal([{ kind: 'signed-out' }]);
    stranger.close();
  });
});

import { expect } from '@open-wc/testing';
import type { PasskeyResult } from '../../client/passkeys-api.js';
import { passkeys } from '../../../test/fixtures/passkey-api.js';
import { initialPasskeyView, passkeyView, type PasskeyView, type PasskeyViewEvent } from './passkey-state.js';

/** Folds events over a view, like the core machine's replay(). */
const replay = (events: PasskeyViewEvent[], from: PasskeyView = initialPasskeyView) => events.reduce(passkeyView, from);

const listed = (count = 2): PasskeyViewEvent[] => [
  { type: 'call.started', call: 'list' },
  { type: 'list.answered', result: { ok: true, value: passkeys(count) } },
];
const ok: PasskeyResult<unknown> = { ok: true, value: undefined };
const cancelled: PasskeyResult<unknown> = { ok: false, error: { code: 'passkey_cancelled' }, cancelled: true };

describe('<ciam-passkey> view (passkey-state.ts)', () => {
  it('loads: busy while the list is asked for, then shows it', () => {
    const [started, answered] = listed();
    const loading = passkeyView(initialPasskeyView, started);
    expect(loading).to.deep.include({ busy: true, items: null });
    expect(passkeyView(loading, answered)).to.deep.include({ busy: false, items: passkeys(2) });
  });

  it('keeps the list unloaded and shows the error when the list cannot be had', () => {
    const view = replay([
      { type: 'call.started', call: 'list' },
      { type: 'list.answered', result: { ok: false, error: { code: 'network' } } },
    ]);
    expect(view).to.deep.include({ busy: false, items: null, error: { code: 'network' } });
  });

  it('opens one form at a time: rename or the remove confirmation', () => {
    const renaming = replay([...listed(), { type: 'rename.opened', id: 'pk-1' }]);
    expect(renaming).to.deep.include({ editing: 'pk-1', confirming: null });
    const confirming = passkeyView(renaming, { type: 'remove.opened', id: 'pk-2' });
    expect(confirming).to.deep.include({ editing: null, confirming: 'pk-2' });
    expect(passkeyView(confirming, { type: 'remove.cancelled' })).to.deep.include({ editing: null, confirming: null });
  });

  it('adding: says to follow the browser, then "added"; the list follows the client\'s notice', () => {
    const adding = replay([...listed(), { type: 'call.started', call: 'create' }]);
    expect(adding).to.deep.include({ busy: true, status: 'passkey.adding' });
    const added = replay([{ type: 'change.answered', call: 'create', result: ok }], adding);
    expect(added).to.deep.include({ busy: false, status: 'passkey.added' });
    expect(added.items).to.have.length(2);
    const newOne = { ...passkeys(1)[0], id: 'pk-3', name: 'Pixel' };
    expect(passkeyView(added, { type: 'passkeys.changed', change: { type: 'created', passkey: newOne } }).items!.map((p) => p.id)).to.deep.equal([
      'pk-3',
      'pk-1',
      'pk-2',
    ]);
  });

  it('a closed browser prompt is no error: the status clears, nothing else happens', () => {
    const view = replay([...listed(), { type: 'call.started', call: 'create' }, { type: 'change.answered', call: 'create', result: cancelled }]);
    expect(view).to.deep.include({ busy: false, error: null, status: null, items: passkeys(2) });
  });

  it('a refused removal keeps the confirmation open and shows why', () => {
    const view = replay([
      ...listed(1),
      { type: 'remove.opened', id: 'pk-1' },
      { type: 'call.started', call: 'remove' },
      { type: 'change.answered', call: 'remove', result: { ok: false, error: { code: 'last_credential', status: 409 } } },
    ]);
    expect(view).to.deep.include({ busy: false, confirming: 'pk-1', error: { code: 'last_credential', status: 409 } });
    expect(view.items).to.have.length(1);
  });

  it('renamed and removed: the form closes and the status says so', () => {
    const renamed = replay([
      ...listed(),
      { type: 'rename.opened', id: 'pk-1' },
      { type: 'call.started', call: 'rename' },
      { type: 'change.answered', call: 'rename', result: ok },
    ]);
    expect(renamed).to.deep.include({ editing: null, status: 'passkey.renamed' });
    const removed = replay(
      [
        { type: 'remove.opened', id: 'pk-2' },
        { type: 'call.started', call: 'remove' },
        { type: 'change.answered', call: 'remove', result: ok },
      ],
      renamed,
    );
    expect(removed).to.deep.include({ confirming: null, status: 'passkey.removed' });
  });

  it('the next call clears the last error', () => {
    const view = replay([
      ...listed(),
      { type: 'call.started', call: 'create' },
      { type: 'change.answered', call: 'create', result: { ok: false, error: { code: 'passkey_exists' } } },
      { type: 'call.started', call: 'create' },
    ]);
    expect(view.error).to.equal(null);
  });

  it('applies notices idempotently, and ignores them before the list has loaded', () => {
    const pk1 = passkeys(1)[0];
    const view = replay([
      ...listed(),
      { type: 'passkeys.changed', change: { type: 'created', passkey: pk1 } },
      { type: 'passkeys.changed', change: { type: 'renamed', passkey: { ...pk1, name: 'Old Mac' } } },
      { type: 'passkeys.changed', change: { type: 'removed', id: 'pk-2' } },
      { type: 'passkeys.changed', change: { type: 'removed', id: 'pk-2' } },
    ]);
    expect(view.items!.map((p) => `${p.id} ${p.name}`)).to.deep.equal(['pk-1 Old Mac']);
    expect(passkeyView(initialPasskeyView, { type: 'passkeys.changed', change: { type: 'removed', id: 'pk-1' } })).to.equal(initialPasskeyView);
  });

  describe('focus: never left on a button that went away', () => {
    const removedNotice = (id: string): PasskeyViewEvent => ({ type: 'passkeys.changed', change: { type: 'removed', id } });
    const removing = (id: string, count = 2): PasskeyViewEvent[] => [
      ...listed(count),
      { type: 'remove.opened', id },
      { type: 'call.started', call: 'remove' },
      removedNotice(id), // the client tells before it answers
      { type: 'change.answered', call: 'remove', result: ok },
    ];

    it("added: to the new passkey's name", () => {
      const added = { ...passkeys(1)[0], id: 'pk-3', name: 'Chrome on Linux' };
      const view = replay([
        ...listed(),
        { type: 'call.started', call: 'create' },
        { type: 'passkeys.changed', change: { type: 'created', passkey: added } },
        { type: 'change.answered', call: 'create', result: { ok: true, value: added } },
      ]);
      expect(view.focus).to.deep.equal({ to: 'name', id: 'pk-3' });
    });

    it('a closed prompt: back to "Add a passkey"; a failure: to its error', () => {
      expect(
        replay([...listed(), { type: 'call.started', call: 'create' }, { type: 'change.answered', call: 'create', result: cancelled }]).focus,
      ).to.deep.equal({
        to: 'add',
      });
      const failure: PasskeyResult<unknown> = { ok: false, error: { code: 'passkey_exists' } };
      expect(replay([...listed(), { type: 'call.started', call: 'create' }, { type: 'change.answered', call: 'create', result: failure }]).focus).to.deep.equal(
        {
          to: 'error',
        },
      );
    });

    it('renamed or rename cancelled: to that passkey\'s "Rename"', () => {
      const opened = replay([...listed(), { type: 'rename.opened', id: 'pk-2' }]);
      expect(opened.focus).to.deep.equal({ to: 'rename-field', id: 'pk-2' });
      expect(passkeyView(opened, { type: 'rename.cancelled' }).focus).to.deep.equal({ to: 'rename-button', id: 'pk-2' });
      const renamed = replay(
        [
          { type: 'call.started', call: 'rename' },
          { type: 'change.answered', call: 'rename', result: ok },
        ],
        opened,
      );
      expect(renamed.focus).to.deep.equal({ to: 'rename-button', id: 'pk-2' });
    });

    it('removal kept: to that passkey\'s "Remove"', () => {
      const view = replay([...listed(), { type: 'remove.opened', id: 'pk-1' }, { type: 'remove.cancelled' }]);
      expect(view.focus).to.deep.equal({ to: 'remove-button', id: 'pk-1' });
    });

    it('removed: to the next passkey, else the one before, else the heading', () => {
      expect(replay(removing('pk-1')).focus).to.deep.equal({ to: 'name', id: 'pk-2' });
      expect(replay(removing('pk-2')).focus).to.deep.equal({ to: 'name', id: 'pk-1' });
      expect(replay(removing('pk-1', 1)).focus).to.deep.equal({ to: 'title' });
      // The neighbour went away meanwhile (another element removed it): the heading.
      const both = replay([...listed(), { type: 'remove.opened', id: 'pk-1' }, removedNotice('pk-2'), ...removing('pk-1').slice(3)]);
      expect(both.focus).to.deep.equal({ to: 'title' });
    });

    it('a loading list does not take focus, even when it fails', () => {
      expect(replay(listed()).focus).to.equal(null);
      expect(
        replay([
          { type: 'call.started', call: 'list' },
          { type: 'list.answered', result: { ok: false, error: { code: 'network' } } },
        ]).focus,
      ).to.equal(null);
    });
  });

  it('an empty name keeps the form open, marks it and focuses it; the next try clears the mark', () => {
    const invalid = replay([...listed(), { type: 'rename.opened', id: 'pk-1' }, { type: 'rename.invalid' }]);
    expect(invalid).to.deep.include({ editing: 'pk-1', nameInvalid: true, focus: { to: 'rename-field', id: 'pk-1' } });
    expect(passkeyView(invalid, { type: 'call.started', call: 'rename' }).nameInvalid).to.equal(false);
    expect(passkeyView(invalid, { type: 'rename.cancelled' }).nameInvalid).to.equal(false);
    expect(passkeyView(replay(listed()), { type: 'rename.invalid' }).nameInvalid, 'no form open').to.equal(false);
  });

  it('starts over for another user', () => {
    expect(replay([...listed(), { type: 'rename.opened', id: 'pk-1' }, { type: 'user.changed' }])).to.deep.equal(initialPasskeyView);
  });
});

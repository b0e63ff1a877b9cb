import { expect } from '@open-wc/testing';
import { ScriptedPasskeyApi, passkeys, scriptedCeremony } from '../../test/fixtures/passkey-api.js';
import { CiamClient } from './ciam-client.js';
import { passkeysFor, type PasskeyChange } from './passkeys-api.js';

/** A client as passkeysFor() needs one; its fetch is never reached with a scripted API. */
const someClient = () => ({ fetch: () => Promise.resolve(new Response(null, { status: 500 })) });

describe('client.passkeys(): create', () => {
  it('asks the API for options, runs the ceremony with them and registers its answer, once', async () => {
    const api = new ScriptedPasskeyApi([]);
    const ceremony = scriptedCeremony();
    const result = await passkeysFor(someClient(), api, ceremony).create('Work laptop');
    expect(api.calls).to.deep.equal(['options', 'register Work laptop']);
    expect(ceremony.calls).to.deep.equal([{ challenge: 'Y2g', rp: { name: 'Demo ID' }, user: { id: 'dQ', name: 'ada@example.com' } }]);
    expect(result).to.deep.include({ ok: true });
    expect(result.ok && result.value.name).to.equal('Work laptop');
  });

  it('answers a closed browser prompt as a cancel, not an error, and registers nothing', async () => {
    const api = new ScriptedPasskeyApi([]);
    const result = await passkeysFor(someClient(), api, scriptedCeremony('cancelled')).create();
    expect(result).to.deep.equal({ ok: false, error: { code: 'passkey_cancelled' }, cancelled: true });
    expect(api.calls).to.deep.equal(['options']);
  });

  it('answers a failed ceremony with its error', async () => {
    const result = await passkeysFor(someClient(), new ScriptedPasskeyApi([]), scriptedCeremony('passkey_exists')).create();
    expect(result).to.deep.equal({ ok: false, error: { code: 'passkey_exists' } });
  });
});

describe('client.passkeys(): answers are results, never thrown', () => {
  it('lists, renames and removes', async () => {
    const manager = passkeysFor(someClient(), new ScriptedPasskeyApi(), scriptedCeremony());
    const listed = await manager.list();
    expect(listed.ok && listed.value.map((p) => p.id)).to.deep.equal(['pk-1', 'pk-2']);
    const renamed = await manager.rename('pk-2', 'Key on my keyring');
    expect(renamed.ok && renamed.value.name).to.equal('Key on my keyring');
    expect(await manager.remove('pk-2')).to.deep.equal({ ok: true, value: undefined });
  });

  it('turns an API error into an error result (the server keeps the last way to sign in)', async () => {
    const result = await passkeysFor(someClient(), new ScriptedPasskeyApi(passkeys(1), 'last_credential'), scriptedCeremony()).remove('pk-1');
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.error.code).to.equal('last_credential');
  });
});

describe('client.passkeys(): one source of truth', () => {
  it('tells every subscriber of the same client and API of each change, and lists quietly', async () => {
    const client = someClient();
    const api = new ScriptedPasskeyApi();
    const heard: PasskeyChange[] = [];
    const other: PasskeyChange[] = [];
    passkeysFor(client, api).subscribe((change) => heard.push(change));
    passkeysFor(someClient(), api).subscribe((change) => other.push(change)); // another client: another account
    const manager = passkeysFor(client, api, scriptedCeremony());
    await manager.list();
    await manager.create();
    await manager.rename('pk-1', 'Old Mac');
    await manager.remove('pk-2');
    expect(heard.map((c) => c.type)).to.deep.equal(['created', 'renamed', 'removed']);
    expect(heard[0]).to.deep.include({ type: 'created' });
    expect(heard[2]).to.deep.equal({ type: 'removed', id: 'pk-2' });
    expect(other).to.deep.equal([]);
  });

  it('counts an endpoint as one API however it is spelled, and stops telling after unsubscribe', async () => {
    const client = { fetch: () => Promise.resolve(new Response(null, { status: 204 })) };
    const heard: PasskeyChange[] = [];
    const stop = passkeysFor(client, `${location.origin}/api/passkeys/`).subscribe((change) => heard.push(change));
    await passkeysFor(client, '/api/passkeys').remove('pk-1');
    stop();
    await passkeysFor(client, '/api/passkeys').remove('pk-2');
    expect(heard).to.deep.equal([{ type: 'removed', id: 'pk-1' }]);
  });

  it('says nothing when the change failed', async () => {
    const api = new ScriptedPasskeyApi(passkeys(1), 'last_credential');
    const heard: PasskeyChange[] = [];
    const client = someClient();
    passkeysFor(client, api).subscribe((change) => heard.push(change));
    await passkeysFor(client, api).remove('pk-1');
    await passkeysFor(client, api, scriptedCeremony('cancelled')).create();
    expect(heard).to.deep.equal([]);
  });
});

describe('CiamClient.passkeys(endpoint)', () => {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on window after the test, never called detached
  const realFetch = window.fetch;
  let sent: { method: string; url: string; body: string | null }[] = [];
  beforeEach(() => {
    sent = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({
        method: init?.method ?? 'GET',
        url: input instanceof Request ? input.url : String(input),
        body: typeof init?.body === 'string' ? init.body : null,
      });
      return Promise.resolve(Response.json([passkeys(1)[0]]));
    };
  });
  afterEach(() => (window.fetch = realFetch));

  it('loads the passkey code on the first call and calls the API through client.fetch()', async () => {
    const client = new CiamClient({ authority: 'https://id.example.com', clientId: 'app' });
    const manager = await client.passkeys('https://id.example.com/api/passkeys/');
    const listed = await manager.list();
    expect(listed.ok && listed.value.map((p) => p.id)).to.deep.equal(['pk-1']);
    expect(sent).to.deep.equal([{ method: 'GET', url: 'https://id.example.com/api/passkeys', body: null }]);
  });

  it('reads a malformed answer as bad_response, not as passkeys', async () => {
    window.fetch = () => Promise.resolve(Response.json([{ name: 'no id' }]));
    const client = new CiamClient({ authority: 'https://id.example.com', clientId: 'app' });
    const listed = await (await client.passkeys('https://id.example.com/api/passkeys')).list();
    expect(!listed.ok && listed.error.code).to.equal('bad_response');
  });
});

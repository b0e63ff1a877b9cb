import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { latestCode, mailbox } from './challenge-helpers.js';
import { useTestOp } from './helpers.js';
import { api, challengeAt, passwordTokens, registerPasskey, startFlow, startPasskeyOp } from './passkey-helpers.js';
import { SoftAuthenticator } from './soft-authenticator.js';

// The emails that tell an account's owner what happened to it (emails.ts).
describe('demo OP: notice emails', () => {
  const server = useTestOp(() => startPasskeyOp());
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });
  const subjects = async (to: string) => (await mailbox(issuer, to)).map((m) => m.subject);

  it('tells the owner of a sign-in from a new device, once per device', async () => {
    await passwordTokens(issuer);
    assert.equal((await subjects(SEEDED_USER.email)).filter((s) => s === 'New sign-in to your Demo ID account').length, 1);
    await passwordTokens(issuer);
    assert.equal((await subjects(SEEDED_USER.email)).filter((s) => s === 'New sign-in to your Demo ID account').length, 1, 'the same device again');
    const [notice] = await mailbox(issuer, SEEDED_USER.email);
    assert.match(notice.text, /Browser: node/);
    assert.match(notice.text, /reset your password now/);
  });

  it('tells the owner when a passkey is added and when one is removed', async () => {
    const token = (await passwordTokens(issuer)).access_token;
    const passkey = await registerPasskey(issuer, token, new SoftAuthenticator(), 'Work laptop');
    const [added] = await mailbox(issuer, SEEDED_USER.email);
    assert.equal(added.subject, 'A passkey was added to your account');
    assert.match(added.text, /"Work laptop"/);
    assert.equal((await api(issuer, 'DELETE', `/api/passkeys/${passkey.id}`, { token })).status, 204);
    const [removed] = await mailbox(issuer, SEEDED_USER.email);
    assert.equal(removed.subject, 'A passkey was removed from your account');
    assert.match(removed.text, /"Work laptop"/);
  });

  it('a reset removes every passkey and names them in the notice; code mails say never to share the code', async () => {
    const token = (await passwordTokens(issuer)).access_token;
    await registerPasskey(issuer, token, new SoftAuthenticator(), 'Planted');
    const user = server().op.db.users.findByEmail(SEEDED_USER.email)!;
    assert.equal(server().op.db.passkeys.listByUser(user.id).length, 1);
    const flow = await startFlow(issuer, { action: 'recover', email: SEEDED_USER.email });
    const [codeMail] = await mailbox(issuer, SEEDED_USER.email);
    assert.match(codeMail.text, /Never share this code with anyone/);
    const code = await latestCode(issuer, SEEDED_USER.email);
    const done = await challengeAt(issuer, { auth_session: flow.authSession, code, new_password: 'a brand new passphrase for ada' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(server().op.db.passkeys.listByUser(user.id), []);
    const [changed] = await mailbox(issuer, SEEDED_USER.email);
    assert.equal(changed.subject, 'Your password was changed');
    assert.match(changed.text, /Your passkeys were removed too[^]*Planted/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enForms } from '../../src/i18n/en-forms.js';
import { enSteps } from '../../src/i18n/en-steps.js';
import { accountExistsMail, verifyEmailMail } from '../../demo/op/emails.js';

// The sign-up screen cannot know which of the two mails went out (no enumeration); each mail must answer its half of what it says.
describe('the two sign-up mails and the screen that announces them', () => {
  const screen = enSteps['signup.codeSent'];

  it('the screen names both cases: a 6-digit code if new, how to sign in if the account exists', () => {
    assert.match(screen, /If you are new, it has a 6-digit code/);
    assert.match(screen, /If you already have an account, it tells you how to sign in instead/);
  });

  it('a new address gets the 6-digit code the screen asks for', () => {
    const mail = verifyEmailMail('123456', 10);
    assert.equal(mail.code, '123456');
    assert.match(mail.text, /Your 6-digit code is 123456/);
    assert.match(mail.text, /Check your email/);
  });

  it('an existing account gets no code and is pointed to the screen’s way back to sign-in', () => {
    const mail = accountExistsMail();
    assert.equal(mail.code, undefined);
    assert.match(mail.text, /no code to enter/);
    assert.ok(mail.text.includes(`"${enSteps['login.codeTitle']}"`), 'names the screen by its title');
    assert.ok(mail.text.includes(`"${enForms['login.backToSignIn']}"`), 'names the button');
    assert.ok(mail.text.includes(`"${enSteps['login.forgotPassword']}"`), 'and the way to reset the password');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPassword, MAX_PASSWORD_LENGTH, normalizePassword, passwordLength } from './password.js';

// The OP's list is demo/op/data/common-passwords.txt; the policy only needs some lower-cased entries.
const blocklist = new Set(['passwordpassword', '1qaz2wsx3edc4rfv', 'qwertyuiopasdfgh']);
const reason = (password: string, context = {}) => {
  const result = checkPassword(password, { blocklist, ...context });
  return result.ok ? 'ok' : result.reason;
};

describe('password policy (NIST SP 800-63B-4)', () => {
  it('needs 15 characters when the password is the only factor, 8 with a second factor', () => {
    assert.equal(reason('fourteen chars'), 'too_short');
    assert.equal(reason('fifteen chars!!'), 'ok');
    assert.equal(reason('eight ch', { singleFactor: false }), 'ok');
    assert.equal(reason('seven c', { singleFactor: false }), 'too_short');
  });

  it('allows at least 64 characters and rejects only beyond its maximum', () => {
    assert.equal(reason('a long passphrase with spaces '.repeat(2) + 'and then some'), 'ok');
    assert.equal(reason('x'.repeat(20) + 'y'.repeat(MAX_PASSWORD_LENGTH)), 'too_long');
    assert.ok(MAX_PASSWORD_LENGTH >= 64);
  });

  it('has no composition rules: lower-case words and spaces are fine', () => {
    assert.equal(reason('correct horse battery staple'), 'ok');
  });

  it('counts Unicode code points, not UTF-16 units', () => {
    // 15 emoji are 30 UTF-16 units but 15 characters.
    assert.equal(reason('🐴🔋📎🐎🔌🧷🦄⚡️📌🐑'), 'too_short');
    assert.equal(reason('密码是一个很长的秘密短语吗对吧'), 'ok');
  });

  it('passwordLength() counts what the policy counts, for the forms’ own check and length hint', () => {
    assert.equal(passwordLength('🐴🔋📎'), 3);
    assert.equal(passwordLength('cafe\u0301'), 4); // NFKC composes é
    assert.equal(passwordLength(''), 0);
  });

  it('normalizes with NFKC so composed and decomposed forms match', () => {
    const composed = 'caf\u00e9 au lait sur la place';
    const decomposed = 'cafe\u0301 au lait sur la place';
    assert.equal(normalizePassword(composed), normalizePassword(decomposed));
    const result = checkPassword(decomposed);
    assert.equal(result.ok && result.normalized, composed);
  });

  it('rejects common and breached passwords, ignoring case', () => {
    assert.equal(reason('passwordpassword'), 'common');
    assert.equal(reason('1qaz2wsx3edc4rfv'), 'common');
    assert.equal(reason('QWERTYUIOPASDFGH'), 'common');
  });

  it('rejects repetition and digit runs', () => {
    assert.equal(reason('aaaaaaaaaaaaaaaa'), 'repetitive');
    assert.equal(reason('abcabcabcabcabcabc'), 'repetitive');
    assert.equal(reason('123456789012345'), 'repetitive');
  });

  it('rejects passwords built on the email address', () => {
    assert.equal(reason('ada.lovelace2024!', { identifiers: ['ada.lovelace@example.com'] }), 'contains_identifier');
    assert.equal(reason('ada.lovelace@example.com', { identifiers: ['ada.lovelace@example.com'] }), 'contains_identifier');
    assert.equal(reason('analytical engine notes by ada', { identifiers: ['ada@example.com'] }), 'ok');
  });
});

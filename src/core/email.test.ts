import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emailBreakParts, isEmail } from './email.js';

describe('isEmail', () => {
  it('accepts local@domain.tld, with subdomains, plus tags and international names', () => {
    for (const email of ['ada@example.com', 'ada.lovelace+notes@mail.example.co.uk', 'o@x.io', 'jürgen@müller.de', 'user@xn--p1ai.xn--p1ai']) {
      assert.equal(isEmail(email), true, email);
    }
  });

  it('needs a dot in the domain and a top-level label of two characters or more', () => {
    for (const email of ['ada@example', 'ada@example.', 'ada@example.c', 'ada@.com', 'ada@example..com']) assert.equal(isEmail(email), false, email);
  });

  it('needs exactly one @ with something on each side, and no spaces', () => {
    for (const email of [
      '',
      'ada',
      '@example.com',
      'ada@',
      'ada@@example.com',
      'a@b@example.com',
      'ada @example.com',
      'ada@exa mple.com',
      ' ada@example.com',
    ]) {
      assert.equal(isEmail(email), false, JSON.stringify(email));
    }
  });

  it('keeps to the lengths mail servers accept: 64 before the @, 254 in all', () => {
    assert.equal(isEmail(`${'a'.repeat(64)}@example.com`), true);
    assert.equal(isEmail(`${'a'.repeat(65)}@example.com`), false);
    assert.equal(isEmail(`a@${'b'.repeat(248)}.com`), true); // 254
    assert.equal(isEmail(`a@${'b'.repeat(249)}.com`), false); // 255
  });
});

describe('emailBreakParts', () => {
  it('cuts after the @ and before each dot, and keeps every character', () => {
    assert.deepEqual(emailBreakParts('first.last@mail.example.co.uk'), ['first', '.last@', 'mail', '.example', '.co', '.uk']);
    assert.deepEqual(emailBreakParts('ada@example'), ['ada@', 'example']);
    assert.equal(emailBreakParts('a.b@c.d').join(''), 'a.b@c.d');
  });
});

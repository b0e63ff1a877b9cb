import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkField, dueQuestions, knownFromClaims, normalizeField, type ProfileContext, type ProfilePolicy } from './profile.js';
import { profilePolicySchema } from './schemas/profile.js';
import { fromScimUser, PROFILE_EXTENSION, scimPatch } from './scim.js';

const now = Date.UTC(2026, 11, 6);
const policy: ProfilePolicy = {
  asks: [
    { id: 'name', fields: ['given_name', 'family_name'], moment: { on: 'sign-up' }, purpose: 'So we can greet you.' },
    { id: 'birthday', fields: ['birthdate'], moment: { on: 'sign-in', count: 3 }, purpose: 'For a birthday voucher.' },
    { id: 'payout', fields: ['phone_number'], moment: { on: 'action', name: 'payout' }, required: true, purpose: 'We text you before payouts change.' },
    { id: 'shipping', fields: ['country', 'postal_code'], moment: { on: 'action', name: 'checkout' }, purpose: 'To show delivery times.' },
  ],
  maxQuestions: 2,
  skipDays: 30,
};
const context = (over: Partial<ProfileContext>): ProfileContext => ({ moment: { on: 'sign-in' }, signIns: 1, known: {}, skippedUntil: {}, now, ...over });
const asked = (over: Partial<ProfileContext>, p = policy) => dueQuestions(p, context(over)).map((q) => `${q.ask.id}:${q.fields.join('+')}`);

describe('dueQuestions', () => {
  it('asks at its moment only: after sign-up, from the Nth sign-in on, before the named action', () => {
    assert.deepEqual(asked({ moment: { on: 'sign-up' } }), ['name:given_name+family_name']);
    assert.deepEqual(asked({ signIns: 2 }), []);
    assert.deepEqual(asked({ signIns: 3 }), ['birthday:birthdate']);
    assert.deepEqual(asked({ signIns: 7 }), ['birthday:birthdate']);
    assert.deepEqual(asked({ moment: { on: 'action', name: 'payout' } }), ['payout:phone_number']);
    assert.deepEqual(asked({ moment: { on: 'action', name: 'refund' } }), []);
  });

  it('asks only for what is missing, and nothing when the profile has it', () => {
    assert.deepEqual(asked({ moment: { on: 'sign-up' }, known: { given_name: 'Ada' } }), ['name:family_name']);
    assert.deepEqual(asked({ moment: { on: 'action', name: 'payout' }, known: { phone_number: '+4930123456' } }), []);
  });

  it('a skip holds for its interval; a required ask cannot be skipped', () => {
    const skipped = { birthday: now + 1000, payout: now + 1000 };
    assert.deepEqual(asked({ signIns: 3, skippedUntil: skipped }), []);
    assert.deepEqual(asked({ signIns: 3, skippedUntil: { birthday: now - 1 } }), ['birthday:birthdate']);
    assert.deepEqual(asked({ moment: { on: 'action', name: 'payout' }, skippedUntil: skipped }), ['payout:phone_number']);
  });

  it('at most maxQuestions fields per visit, required ones first', () => {
    const busy: ProfilePolicy = {
      asks: [
        { id: 'shipping', fields: ['country', 'postal_code'], moment: { on: 'action', name: 'checkout' }, purpose: 'p' },
        { id: 'phone', fields: ['phone_number'], moment: { on: 'action', name: 'checkout' }, required: true, purpose: 'p' },
      ],
      maxQuestions: 2,
    };
    assert.deepEqual(asked({ moment: { on: 'action', name: 'checkout' } }, busy), ['phone:phone_number', 'shipping:country']);
  });

  it('the limit holds across the prompts of one visit, except for what an action requires', () => {
    // Two of two fields asked at sign-up: the checkout's optional ask waits for another visit…
    assert.deepEqual(asked({ moment: { on: 'action', name: 'checkout' }, askedThisVisit: 2 }), []);
    assert.deepEqual(asked({ moment: { on: 'action', name: 'checkout' }, askedThisVisit: 1 }), ['shipping:country']);
    // …while payout's required phone number is still asked: the action cannot go on without it.
    assert.deepEqual(asked({ moment: { on: 'action', name: 'payout' }, askedThisVisit: 2 }), ['payout:phone_number']);
  });
});

describe('the policy format', () => {
  it('takes a well-formed policy and refuses unknown fields, moments and missing purposes', () => {
    assert.equal(profilePolicySchema.safeParse(policy).success, true);
    const bad = (ask: unknown) => profilePolicySchema.safeParse({ asks: [ask] }).success;
    assert.equal(bad({ id: 'x', fields: ['ssn'], moment: { on: 'sign-up' }, purpose: 'p' }), false);
    assert.equal(bad({ id: 'x', fields: ['birthdate'], moment: { on: 'sometime' }, purpose: 'p' }), false);
    assert.equal(bad({ id: 'x', fields: ['birthdate'], moment: { on: 'sign-in', count: 0 }, purpose: 'p' }), false);
    assert.equal(bad({ id: 'x', fields: ['birthdate'], moment: { on: 'sign-up' } }), false);
  });
});

describe('fields', () => {
  it('checks values as the store will', () => {
    assert.equal(checkField('phone_number', '+49 30 1234 5678', now), null);
    assert.equal(checkField('phone_number', '030 1234', now), 'invalid');
    assert.equal(checkField('country', 'DE', now), null);
    assert.equal(checkField('country', 'Germany', now), 'invalid');
    assert.equal(checkField('postal_code', '10115', now), null);
    assert.equal(checkField('birthdate', '1990-02-30', now), 'invalid');
    assert.equal(checkField('birthdate', '2020-01-01', now), 'invalid', 'younger than 13');
    assert.equal(checkField('birthdate', '1990-04-01', now), null);
    assert.equal(checkField('given_name', '  ', now), 'required');
    assert.equal(normalizeField('phone_number', '+49 (30) 1234-5678'), '+493012345678');
  });

  it('reads what the claims already say', () => {
    assert.deepEqual(knownFromClaims({ given_name: 'Ada', phone_number: '', address: { country: 'GB', postal_code: 'N1' }, email: 'x' }), {
      given_name: 'Ada',
      country: 'GB',
      postal_code: 'N1',
    });
  });
});

describe('SCIM', () => {
  it('builds one PatchOp: replace what is set, remove what was emptied', () => {
    assert.deepEqual(scimPatch({ phone_number: '+4930123456', birthdate: '1990-04-01', country: '' }), {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+4930123456' },
        { op: 'replace', path: `${PROFILE_EXTENSION}:birthdate`, value: '1990-04-01' },
        { op: 'remove', path: 'addresses[type eq "home"].country' },
      ],
    });
  });

  it('reads a User resource', () => {
    const resource = {
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      phoneNumbers: [
        { value: '+441234', type: 'work' },
        { value: '+449876', type: 'mobile' },
      ],
      addresses: [{ type: 'home', country: 'GB', postalCode: 'N1' }],
      [PROFILE_EXTENSION]: { birthdate: '1815-12-10' },
    };
    assert.deepEqual(fromScimUser(resource), {
      given_name: 'Ada',
      family_name: 'Lovelace',
      phone_number: '+449876',
      country: 'GB',
      postal_code: 'N1',
      birthdate: '1815-12-10',
    });
    assert.deepEqual(fromScimUser({}), {});
  });
});

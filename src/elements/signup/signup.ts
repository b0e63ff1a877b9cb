import { CiamLogin } from '../login/login.js';

/**
 * @tag ciam-signup
 * @summary Account creation: name, email and a new password, then the emailed verification code; signs the new user in.
 * Embedded mode collects everything in the page; redirect and popup modes open the OP's registration
 * (`prompt=create`, or the preset's parameter). Same attributes, parts and events as <ciam-login>.
 * @fires {CiamSignedInEvent} ciam-signed-in - The new account is signed in. detail: { user, restored }
 * @fires {CiamErrorEvent} ciam-error - Something failed. detail: { error: CiamError }
 */
export class CiamSignup extends CiamLogin {
  constructor() {
    super();
    this.intent = 'sign-up';
  }
}

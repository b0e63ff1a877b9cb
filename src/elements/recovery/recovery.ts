import { CiamLogin } from '../login/login.js';

/**
 * @tag ciam-recovery
 * @summary Account recovery: email, then the emailed code and a new password; signs the user in.
 * The answer is the same whether or not the account exists; the OP rate-limits and the element
 * shows the Retry-After countdown. Needs embedded mode (an OP with the challenge endpoint);
 * elsewhere it offers the OP's sign-in page, where its own recovery lives.
 * @fires {CiamSignedInEvent} ciam-signed-in - Password reset and signed in. detail: { user, restored }
 * @fires {CiamErrorEvent} ciam-error - Something failed. detail: { error: CiamError }
 */
export class CiamRecovery extends CiamLogin {
  constructor() {
    super();
    this.intent = 'recover';
  }
}

import { define } from '../shared/define.js';
import { CiamSignup } from './signup.js';

export { CiamSignup };
define('ciam-signup', CiamSignup);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-signup': CiamSignup;
  }
}

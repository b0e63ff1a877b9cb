import { define } from '../shared/define.js';
import { CiamLogin } from './login.js';

export { CiamLogin };
define('ciam-login', CiamLogin);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-login': CiamLogin;
  }
}

import { define } from '../shared/define.js';
import { CiamUser } from './user.js';

export { CiamUser };
define('ciam-user', CiamUser);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-user': CiamUser;
  }
}

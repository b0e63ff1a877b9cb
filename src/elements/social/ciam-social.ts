import { define } from '../shared/define.js';
import { CiamSocial } from './social.js';

export { CiamSocial };
define('ciam-social', CiamSocial);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-social': CiamSocial;
  }
}

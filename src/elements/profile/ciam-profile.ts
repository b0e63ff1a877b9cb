import { define } from '../shared/define.js';
import { CiamProfile } from './profile.js';

export { CiamProfile };
define('ciam-profile', CiamProfile);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-profile': CiamProfile;
  }
}

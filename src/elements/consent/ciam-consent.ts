import { define } from '../shared/define.js';
import { CiamConsent } from './consent.js';

export { CiamConsent };
define('ciam-consent', CiamConsent);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-consent': CiamConsent;
  }
}

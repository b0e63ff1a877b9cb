import { define } from '../shared/define.js';
import { CiamOrgSwitcher } from './org-switcher.js';

export { CiamOrgSwitcher };
define('ciam-org-switcher', CiamOrgSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-org-switcher': CiamOrgSwitcher;
  }
}

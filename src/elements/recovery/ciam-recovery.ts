import { define } from '../shared/define.js';
import { CiamRecovery } from './recovery.js';

export { CiamRecovery };
define('ciam-recovery', CiamRecovery);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-recovery': CiamRecovery;
  }
}

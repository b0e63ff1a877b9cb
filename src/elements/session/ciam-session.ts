import { define } from '../shared/define.js';
import { CiamSession } from './session.js';

export { CiamSession };
define('ciam-session', CiamSession);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-session': CiamSession;
  }
}

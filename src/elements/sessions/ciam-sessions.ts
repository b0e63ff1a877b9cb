import { define } from '../shared/define.js';
import { CiamSessions } from './sessions.js';

export { CiamSessions };
define('ciam-sessions', CiamSessions);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-sessions': CiamSessions;
  }
}

import { define } from '../shared/define.js';
import { CiamPasskey } from './passkey.js';

export { CiamPasskey };
define('ciam-passkey', CiamPasskey);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-passkey': CiamPasskey;
  }
}

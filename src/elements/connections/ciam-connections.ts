import { define } from '../shared/define.js';
import { CiamConnections } from './connections.js';

export { CiamConnections };
define('ciam-connections', CiamConnections);

declare global {
  interface HTMLElementTagNameMap {
    'ciam-connections': CiamConnections;
  }
}

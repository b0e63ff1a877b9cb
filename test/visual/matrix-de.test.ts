import { matrix } from './matrix.js';

matrix('de');

import { matrix } from './matrix.js';

matrix('ja');

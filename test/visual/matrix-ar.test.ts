import { matrix } from './matrix.js';

matrix('ar');

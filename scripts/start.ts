/**
 * `npm start`: the whole bus on this machine with the demo agencies and demo data, on the embedded
 * database unless DATABASE_URL is set. Prints where everything is and a request that returns a
 * resident joined across agencies. A real installation starts with `npm run serve` instead.
 */
import { reportStartupFailure } from '../lib/startupError.ts';
import { runSystem } from './runSystem.ts';

runSystem({ demo: true }).catch(reportStartupFailure);

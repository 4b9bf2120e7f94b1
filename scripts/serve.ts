/**
 * `npm run serve` (or `penghubung serve`): an installation's own registry and gateway, with no demo
 * agencies and no demo data. Its first administrator comes from `penghubung admin bootstrap`.
 */
import { reportStartupFailure } from '../lib/startupError.ts';
import { runSystem } from './runSystem.ts';

runSystem({ demo: false }).catch(reportStartupFailure);

/** Entry point of a benchmark child process (bench/support/children.ts): `--role agencies|load`. */
import { parseArgs } from 'node:util';
import { serveAgencies, serveLoad } from './children.ts';

const { values } = parseArgs({ options: { role: { type: 'string' } } });
if (values.role === 'agencies') serveAgencies();
else if (values.role === 'load') serveLoad();
else throw new Error(`unknown role ${String(values.role)}: expected agencies or load`);

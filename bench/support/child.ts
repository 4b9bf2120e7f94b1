/** Entry point of a benchmark child process (bench/support/children.ts): `--role agencies|load|gateway`. */
import { parseArgs } from 'node:util';
import { serveAgencies, serveLoad } from './children.ts';
import { serveGateway } from './gatewayVariants.ts';

const { values } = parseArgs({ options: { role: { type: 'string' } } });
if (values.role === 'agencies') serveAgencies();
else if (values.role === 'load') serveLoad();
else if (values.role === 'gateway') serveGateway();
else throw new Error(`unknown role ${String(values.role)}: expected agencies, load or gateway`);

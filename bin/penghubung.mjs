#!/usr/bin/env node
// The `penghubung` command: registers tsx so the TypeScript sources run as they are, then runs the CLI.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../registry/cli/main.ts');
process.exitCode = await runCli(process.argv);

#!/usr/bin/env node
// Script layer: the launcher of `npx idmg …` (package.json "bin") — loads tsx's TypeScript loader into this very
// Node process and runs scripts/idmg.ts, so the working directory, stdio and exit code are the command's own.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./idmg.ts');
process.exit(await main(process.argv.slice(2)));

/**
 * `npm run blankett`: the command's entry point (the command itself: blankett-command.ts). scripts/cli.mjs
 * starts it from a V8 startup snapshot (blankett-snapshot.ts) when one is built for this Node.
 */
import { blankettCommandMain } from './blankett-command';

blankettCommandMain(process.argv.slice(2));

import { demoCommand } from './demo-command';

void demoCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

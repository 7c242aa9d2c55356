import type { Command } from '../command';
import { runRepl } from '../repl/run-repl';
import { CHAT_OPTIONS } from './chat';

const {
  json: _json,
  attach: _attach,
  template: _template,
  var: _var,
  schema: _schema,
  ...REPL_OPTIONS
} = CHAT_OPTIONS;

export const replCommand: Command = {
  name: 'repl',
  summary: 'A multi-turn conversation on the terminal (/help inside lists its commands)',
  usage:
    '[--model m] [--provider p] [--system text] [-c | --conversation id] [--no-stream] [--verbose] [--config file]',
  options: REPL_OPTIONS,
  positionals: 0,
  run: (args, io) => runRepl(args, io),
};

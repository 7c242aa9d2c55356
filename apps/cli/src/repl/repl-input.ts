// What the REPL reads: multi-line input (a line ending in "\" continues, `"""` opens and closes a
// block) and slash commands.

export type ReplCommandName =
  'model' | 'system' | 'attach' | 'usage' | 'save' | 'clear' | 'exit' | 'help';

export const REPL_COMMANDS: Readonly<Record<ReplCommandName, string>> = {
  model: '/model <name>     use this model from the next turn (no name: show the current one)',
  system: '/system <text>    set the system prompt (no text: remove it)',
  attach: '/attach <file>    attach a file (image or text) to the next message',
  usage: "/usage            this conversation's tokens and cost",
  save: '/save             save the conversation now and show its id (it is also saved after each turn)',
  clear: '/clear            start a new conversation',
  exit: '/exit             leave (also Ctrl-D)',
  help: '/help             this list',
};

export type ReplInput =
  | { kind: 'message'; text: string }
  | { kind: 'command'; name: ReplCommandName; argument: string }
  | { kind: 'unknown-command'; name: string }
  | { kind: 'more' }
  | { kind: 'empty' };

/** Collects lines into messages; `more` means the input continues on the next line. */
export class ReplInputReader {
  private pending: string[] = [];
  private inBlock = false;

  /** Whether the reader is in the middle of a multi-line message (the prompt shows `…`). */
  get continuing(): boolean {
    return this.pending.length > 0 || this.inBlock;
  }

  /** Forgets a half-typed multi-line message (Ctrl-C at the prompt). */
  reset(): void {
    this.pending = [];
    this.inBlock = false;
  }

  read(line: string): ReplInput {
    if (this.inBlock) {
      if (line.trim() === '"""') {
        this.inBlock = false;
        return this.finish();
      }
      this.pending.push(line);
      return { kind: 'more' };
    }
    if (this.pending.length === 0 && line.trim() === '"""') {
      this.inBlock = true;
      return { kind: 'more' };
    }
    if (line.endsWith('\\')) {
      this.pending.push(line.slice(0, -1));
      return { kind: 'more' };
    }
    if (this.pending.length > 0) {
      this.pending.push(line);
      return this.finish();
    }
    const trimmed = line.trim();
    if (!trimmed) return { kind: 'empty' };
    if (trimmed.startsWith('/')) {
      const [word = '', ...rest] = trimmed.slice(1).split(/\s+/);
      const name = word.toLowerCase();
      if (name in REPL_COMMANDS)
        return { kind: 'command', name: name as ReplCommandName, argument: rest.join(' ') };
      return { kind: 'unknown-command', name: word };
    }
    return { kind: 'message', text: line };
  }

  private finish(): ReplInput {
    const text = this.pending.join('\n');
    this.pending = [];
    return text.trim() ? { kind: 'message', text } : { kind: 'empty' };
  }
}

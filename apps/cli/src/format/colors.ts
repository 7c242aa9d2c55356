// Colours for people on a terminal, none when piped, with NO_COLOR set or with --no-color.
import picocolors from 'picocolors';
import type { CliIO, ParsedArgs } from '../command';

export type Colors = ReturnType<typeof picocolors.createColors>;

/** Whether output to a stream of `io` may be coloured (https://no-color.org: any non-empty NO_COLOR). */
export function colorEnabled(io: CliIO, isTTY: boolean | undefined, args?: ParsedArgs): boolean {
  return (
    isTTY === true &&
    !io.env['NO_COLOR'] &&
    io.env['TERM'] !== 'dumb' &&
    args?.values['color'] !== false
  );
}

/** picocolors' functions for stdout: real colours, or functions that return the text unchanged. */
export function stdoutColors(io: CliIO, args?: ParsedArgs): Colors {
  return picocolors.createColors(colorEnabled(io, io.stdoutIsTTY, args));
}

/** The same for stderr (errors, warnings, the usage line after an answer). */
export function stderrColors(io: CliIO, args?: ParsedArgs): Colors {
  return picocolors.createColors(colorEnabled(io, io.stderrIsTTY, args));
}

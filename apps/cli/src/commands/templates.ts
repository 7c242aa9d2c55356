import { COMMON_OPTIONS, type Command } from '../command';
import { findTemplate, templateNames, templateVariables } from '../chat/prompt-template';
import { stdoutColors } from '../format/colors';

const WIDTH = 80;

/** `text` for a required variable, `[maxWords:number]` for an optional one. */
function variableLabel(variable: { name: string; type: string; required: boolean }): string {
  const label = variable.type === 'string' ? variable.name : `${variable.name}:${variable.type}`;
  return variable.required ? label : `[${label}]`;
}

export const templatesCommand: Command = {
  name: 'templates',
  summary: 'List the prompt templates llm chat -t sends, with their variables',
  usage: '[--json]',
  options: {
    ...COMMON_OPTIONS,
    json: { type: 'boolean', description: 'print each template with its variables as JSON' },
  },
  positionals: 0,
  async run(args, io) {
    const listed = templateNames().map((name) => {
      const template = findTemplate(name);
      return { name, description: template.description, variables: templateVariables(template) };
    });
    if (args.values['json']) {
      io.stdout(`${JSON.stringify(listed, null, 2)}\n`);
      return 0;
    }
    const paint = stdoutColors(io, args);
    for (const template of listed) {
      const room = WIDTH - template.name.length - 2;
      const description = template.description ?? '';
      const shown = description.length > room ? `${description.slice(0, room - 1)}…` : description;
      io.stdout(
        `${paint.bold(template.name)}  ${shown}\n  -v ${template.variables.map(variableLabel).join(' ')}\n`,
      );
    }
    io.stdout(
      '\nllm chat -t <name> -v key=value …   optional variables are in brackets;\ntext piped in fills the first required variable left unset.\n',
    );
    return 0;
  },
};

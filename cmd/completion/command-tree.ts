/**
 * The command tree shell completion is generated from, read from the commander program itself so
 * completion can never offer a command or option the CLI does not have.
 */
import type { Command } from 'commander';

export interface OptionSpec {
  /** `--config`, `--redact`. */
  long: string;
  /** `-c`, when the option has one. */
  short?: string;
  description: string;
  /** Whether the option takes a value (`--config <path>`, `--emulator [fixture]`). */
  takesValue: boolean;
  /** The only values it accepts (`--format text|markdown|json`). */
  choices: string[];
}

export interface CommandSpec {
  /** Words after `dialform` (`[]` for the program, `['emulator', 'do']`). */
  path: string[];
  description: string;
  subcommands: CommandSpec[];
  options: OptionSpec[];
  /** Values of a first argument restricted to a set (`completion bash|zsh|fish`). */
  argumentChoices: string[];
}

const HELP: OptionSpec = { long: '--help', short: '-h', description: 'display help for command', takesValue: false, choices: [] };

/** Reads `command` and everything below it. */
export function readCommandTree(command: Command, path: string[] = []): CommandSpec {
  const options = command.options
    .filter((o) => o.long !== undefined)
    .map((o) => ({
      long: o.long as string,
      ...(o.short === undefined ? {} : { short: o.short }),
      description: o.description,
      takesValue: o.required || o.optional,
      choices: [...(o.argChoices ?? [])],
    }));
  const firstArgument = command.registeredArguments[0];
  return {
    path,
    description: command.description(),
    subcommands: command.commands.map((sub) => readCommandTree(sub, [...path, sub.name()])),
    options: [...options, HELP],
    argumentChoices: [...(firstArgument?.argChoices ?? [])],
  };
}

/** Every command in the tree, the program first, parents before their subcommands. */
export function listCommands(tree: CommandSpec): CommandSpec[] {
  return [tree, ...tree.subcommands.flatMap(listCommands)];
}

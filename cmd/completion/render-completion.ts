/**
 * `dialform completion bash|zsh|fish`: a completion script for each shell, generated from the
 * command tree. All three work the same way: walk the words typed so far, keep those that extend a
 * known command path (skipping options and their values), then offer that command's subcommands,
 * its options (after `-`), an option's choices (after `--format`), or files.
 */
import { listCommands, type CommandSpec, type OptionSpec } from './command-tree.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

function words(command: CommandSpec): { subcommands: string; options: string } {
  return {
    subcommands: command.subcommands.map((c) => c.path[c.path.length - 1]).join(' ') || command.argumentChoices.join(' '),
    options: command.options.flatMap((o) => (o.short === undefined ? [o.long] : [o.short, o.long])).join(' '),
  };
}

/** `"plan"`, `"emulator do"`: the case label of a command path. */
function pathLabel(command: CommandSpec): string {
  return `"${command.path.join(' ')}"`;
}

/**
 * A `case "$prev"` over the command's options whose values come from a fixed set (`--format`
 * offers different formats to `plan` and `status`, so this is per command), or `''`.
 */
function choiceCase(command: CommandSpec, prev: string, offer: (choices: string) => string): string {
  const arms = command.options
    .filter((o: OptionSpec) => o.choices.length > 0)
    .map((o) => `${[o.short, o.long].filter((x) => x !== undefined).join('|')}) ${offer(o.choices.join(' '))}; return ;;`);
  return arms.length === 0 ? '' : ` case "${prev}" in ${arms.join(' ')} esac;`;
}

/**
 * The shell lines bash and zsh share: walk the words before the cursor to the deepest command path
 * (`cmdpath`), then one `case` arm per command (`arm` sets its subcommands and options).
 */
function commandPathLines(tree: CommandSpec, arm: (command: CommandSpec, w: { subcommands: string; options: string }) => string): string[] {
  const commands = listCommands(tree);
  const known = commands.filter((c) => c.path.length > 0).map(pathLabel).join('|');
  return [
    '    case "${cmdpath:+$cmdpath }$word" in',
    `      ${known}) cmdpath="\${cmdpath:+$cmdpath }$word" ;;`,
    '    esac',
    '  done',
    '  case "$cmdpath" in',
    ...commands.map((c) => `    ${pathLabel(c)}) ${arm(c, words(c))} ;;`),
    '  esac',
  ];
}

function renderBash(tree: CommandSpec): string {
  return [
    '# dialform completion for bash. Load it with: eval "$(dialform completion bash)"',
    '_dialform() {',
    '  local cur prev word cmdpath="" subcommands="" options="" i',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    word="${COMP_WORDS[i]}"',
    ...commandPathLines(tree, (c, w) => {
      const choices = choiceCase(c, '$prev', (list) => `COMPREPLY=($(compgen -W "${list}" -- "$cur"))`);
      return `subcommands="${w.subcommands}"; options="${w.options}";${choices}`;
    }),
    '  if [[ "$cur" == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$options" -- "$cur"))',
    '  elif [[ -n "$subcommands" ]]; then',
    '    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))',
    '  else',
    '    COMPREPLY=($(compgen -f -- "$cur"))',
    '  fi',
    '}',
    'complete -o filenames -F _dialform dialform',
    '',
  ].join('\n');
}

function renderZsh(tree: CommandSpec): string {
  return [
    '#compdef dialform',
    '# dialform completion for zsh. Load it with: eval "$(dialform completion zsh)" (after compinit),',
    '# or save it as _dialform in a directory on $fpath.',
    '_dialform() {',
    '  local cmdpath="" word i',
    '  local -a subcommands options',
    '  for ((i = 2; i < CURRENT; i++)); do',
    '    word=${words[i]}',
    ...commandPathLines(tree, (c, w) => {
      const choices = choiceCase(c, '${words[CURRENT-1]}', (list) => `compadd -- ${list}`);
      return `subcommands=(${w.subcommands}); options=(${w.options});${choices}`;
    }),
    '  if [[ ${words[CURRENT]} == -* ]]; then',
    '    compadd -- $options',
    '  elif (( ${#subcommands} )); then',
    '    compadd -- $subcommands',
    '  else',
    '    _files',
    '  fi',
    '}',
    'compdef _dialform dialform',
    '',
  ].join('\n');
}

/** Single-quoted for fish. */
function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function renderFish(tree: CommandSpec): string {
  const commands = listCommands(tree);
  const known = commands.filter((c) => c.path.length > 0).map((c) => fishQuote(c.path.join(' '))).join(' ');
  const lines = [
    '# dialform completion for fish. Load it with: dialform completion fish | source',
    '# (or save it as ~/.config/fish/completions/dialform.fish).',
    'function __dialform_at --description "is the command typed so far exactly this path?"',
    '    set -l cmdpath ""',
    `    set -l known ${known}`,
    '    for word in (commandline -opc)[2..-1]',
    '        set -l next (string trim -- "$cmdpath $word")',
    '        if contains -- $next $known',
    '            set cmdpath $next',
    '        end',
    '    end',
    '    test "$cmdpath" = "$argv[1]"',
    'end',
    'complete -c dialform -f',
  ];
  for (const c of commands) {
    const at = `-n ${fishQuote(`__dialform_at ${fishQuote(c.path.join(' '))}`)}`;
    for (const sub of c.subcommands) {
      lines.push(`complete -c dialform ${at} -a ${fishQuote(sub.path[sub.path.length - 1] ?? '')} -d ${fishQuote(sub.description)}`);
    }
    if (c.argumentChoices.length > 0) lines.push(`complete -c dialform ${at} -a ${fishQuote(c.argumentChoices.join(' '))}`);
    for (const o of c.options) {
      const short = o.short === undefined ? '' : ` -s ${o.short.slice(1)}`;
      const value = o.choices.length > 0 ? ` -x -a ${fishQuote(o.choices.join(' '))}` : o.takesValue ? ' -r -F' : '';
      lines.push(`complete -c dialform ${at} -l ${o.long.slice(2)}${short}${value} -d ${fishQuote(o.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script for `shell`. */
export function renderCompletion(tree: CommandSpec, shell: Shell): string {
  switch (shell) {
    case 'bash':
      return renderBash(tree);
    case 'zsh':
      return renderZsh(tree);
    case 'fish':
      return renderFish(tree);
    default: {
      const _never: never = shell;
      return _never;
    }
  }
}

/**
 * `commonground completion bash|zsh|fish`: prints a shell completion script made from the
 * program itself (its commands and their long flags), so it can never list a flag that does not
 * exist. zsh uses the bash script through bashcompinit.
 */
import { Command } from "@commander-js/extra-typings";
import { usage } from "../usage.js";

const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

interface Completable {
  name: string;
  summary: string;
  flags: { long: string; description: string }[];
}

function completables(program: Command): Completable[] {
  return program.commands.map((cmd) => ({
    name: cmd.name(),
    summary: (cmd.summary() || cmd.description()).split(/[.:(]/)[0]!.trim(),
    flags: cmd.options
      .filter((o) => o.long !== undefined && !o.hidden)
      .map((o) => ({ long: o.long!, description: o.description })),
  }));
}

function bash(commands: Completable[]): string {
  const cases = commands
    .filter((c) => c.name !== "help")
    .map((c) => `    ${c.name}) opts="${c.flags.map((f) => f.long).join(" ")} --help" ;;`)
    .join("\n");
  return `# commonground completion for bash (and zsh through bashcompinit)
_commonground() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(" ")} --help --version" -- "$cur") )
    return 0
  fi
  local opts=""
  case "\${COMP_WORDS[1]}" in
${cases}
    help) COMPREPLY=( $(compgen -W "${commands
      .map((c) => c.name)
      .filter((n) => n !== "help")
      .join(" ")}" -- "$cur") ); return 0 ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
  return 0
}
complete -o filenames -F _commonground commonground
`;
}

function zsh(commands: Completable[]): string {
  return `# commonground completion for zsh
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash(commands)}`;
}

/** fish quotes: single quotes, with \\ and ' escaped. */
const fishQuote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function fish(commands: Completable[]): string {
  const lines = ["# commonground completion for fish", "complete -c commonground -f"];
  for (const c of commands) {
    lines.push(
      `complete -c commonground -n __fish_use_subcommand -a ${c.name} -d ${fishQuote(c.summary)}`,
    );
  }
  for (const c of commands) {
    for (const f of c.flags) {
      lines.push(
        `complete -c commonground -n ${fishQuote(`__fish_seen_subcommand_from ${c.name}`)} -l ${f.long.slice(2)} -d ${fishQuote(f.description.split(/[.(;]/)[0]!.trim())}`,
      );
    }
    lines.push(
      `complete -c commonground -n ${fishQuote(`__fish_seen_subcommand_from ${c.name}`)} -F`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The script for a shell, from the program's commands. */
export function completionScript(program: Command, shell: Shell): string {
  const commands = completables(program);
  return { bash, zsh, fish }[shell](commands);
}

export function completionCommand(program: () => Command): Command {
  const cmd = new Command("completion")
    .description(
      "Print a shell completion script for bash, zsh or fish (commands and their flags).",
    )
    .showHelpAfterError("(run with --help for usage)")
    .argument("<shell>", "bash, zsh or fish");
  cmd.addHelpText(
    "after",
    [
      "",
      "Install:",
      "  bash: commonground completion bash > ~/.local/share/bash-completion/completions/commonground",
      "  zsh:  commonground completion zsh > ~/.commonground-completion.zsh, then source it in ~/.zshrc",
      "  fish: commonground completion fish > ~/.config/fish/completions/commonground.fish",
    ].join("\n"),
  );
  cmd.action((shell) => {
    if (!(SHELLS as readonly string[]).includes(shell)) {
      throw usage(
        `There is no completion for the shell "${shell}".`,
        `Give one of: ${SHELLS.join(", ")}.`,
      );
    }
    process.stdout.write(completionScript(program(), shell as Shell));
  });
  return cmd as unknown as Command;
}

/**
 * The fenced shell blocks of a Markdown page, with what the page says about each:
 *
 * - a block is run unless the nearest line above it is `<!-- not run: <reason> -->`;
 * - `<!-- run with the server stopped -->` above a block stops the page's server before it runs
 *   (for commands that need the data folder to themselves);
 * - a fenced ```text output block right after it (only blank lines between) is what the block prints
 *   on standard output (see `matchOutput` for the placeholder `…`).
 */
export interface ShellBlock {
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  code: string;
  /** Why the block is not run, when it is marked so. */
  notRun?: string;
  serverStopped: boolean;
  expectedOutput?: string;
}

/** The info strings that mark a shell block. */
export const SHELL_LANGUAGES = ['sh', 'bash', 'shell', 'console'] as const;

const FENCE = /^(`{3,})\s*([^\s`]*)\s*(.*)$/;
const NOT_RUN = /^<!--\s*not run:(.*?)-->$/;
const SERVER_STOPPED = /^<!--\s*run with the server stopped\s*-->$/;

interface Fenced {
  line: number;
  language: string;
  rest: string;
  code: string;
  endLine: number;
}

function fencedBlocks(lines: string[]): Fenced[] {
  const blocks: Fenced[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith(fence)) end++;
    blocks.push({ line: i + 1, language: open[2]!, rest: open[3]!, code: lines.slice(i + 1, end).join('\n'), endLine: end });
    i = end;
  }
  return blocks;
}

/** Every shell block of `markdown`, in order. A `console` block's `$ ` prompts are taken off; its other lines are output, ignored. */
export function shellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks = fencedBlocks(lines);
  return blocks.flatMap((block, index) => {
    if (!(SHELL_LANGUAGES as readonly string[]).includes(block.language)) return [];
    let above = block.line - 2;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    const marker = above >= 0 ? lines[above]!.trim() : '';
    const notRun = NOT_RUN.exec(marker)?.[1]?.trim();
    const next = blocks[index + 1];
    const between = next ? lines.slice(block.endLine + 1, next.line - 1) : [];
    const followedByOutput = next !== undefined && next.language === 'text' && next.rest === 'output' && between.every((line) => line.trim() === '');
    const code =
      block.language === 'console'
        ? block.code
            .split('\n')
            .filter((line) => line.startsWith('$ '))
            .map((line) => line.slice(2))
            .join('\n')
        : block.code;
    return [
      {
        line: block.line,
        language: block.language,
        code,
        ...(notRun !== undefined ? { notRun } : {}),
        serverStopped: SERVER_STOPPED.test(marker),
        ...(followedByOutput ? { expectedOutput: next.code } : {}),
      },
    ];
  });
}

import type { Issue } from '../errors.js';

/** Issues as lines: `file  /pointer  [code]  English` then the Chinese message below. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const where = `${issue.file ? issue.file + '  ' : ''}${issue.pointer || '/'}`;
      return `  ${where}  [${issue.code}]\n    ${issue.message.en}\n    ${issue.message.zh}`;
    })
    .join('\n');
}

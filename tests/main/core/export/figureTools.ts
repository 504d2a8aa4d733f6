// poppler (pdffonts, pdftotext, pdftoppm, pdfinfo) and pdflatex for the figure-pack tests: present, or the
// reason the tests that need them are skipped (npm test installs them as root on Debian; see test-prepare.cjs).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const figureToolsPresent = ['/usr/bin/pdflatex', '/usr/bin/pdffonts', '/usr/bin/pdftotext', '/usr/bin/pdftoppm', '/usr/bin/pdfinfo'].every((p) => existsSync(p));
export const figureToolsSkipReason = process.env.OUROBOROS_TEST_FIGURE_TOOLS_SKIPPED ?? 'pdflatex / poppler-utils are absent (Debian packages poppler-utils, texlive-latex-recommended)';
export const skippedTag = figureToolsPresent ? '' : ` [skipped: ${figureToolsSkipReason}]`;
if (!figureToolsPresent) console.warn(`figure-pack PDF/LaTeX checks skipped: ${figureToolsSkipReason}`);

export function tool(command: string, args: string[], cwd?: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

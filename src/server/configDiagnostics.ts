import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { ConfigProblem } from '../core/config/config';

/** Config problems as diagnostics on `corroborate.json`, each underlining the rest of its line. */
export function configDiagnostics(text: string, problems: ConfigProblem[]): Diagnostic[] {
  const lines = text.split('\n');
  return problems.map((p) => {
    const line = Math.max(0, p.line - 1);
    const character = Math.max(0, p.column - 1);
    const length = (lines[line] ?? '').replace(/\r$/, '').length;
    return {
      range: { start: { line, character }, end: { line, character: Math.max(character + 1, length) } },
      severity: DiagnosticSeverity.Error,
      source: 'corroborate',
      code: 'config',
      // The core prefixes the file name; the diagnostic already sits in that file.
      message: `${p.message.replace(/^corroborate\.json: /, '')} (Corroborate keeps working with the rest of the configuration)`,
    };
  });
}

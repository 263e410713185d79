import * as path from 'path';
import type { SourceIndex } from '../core/index/sourceIndex';
import type { Finding, Location } from '../core/types';

export type OutputFormat = 'text' | 'json' | 'sarif';

/** Source path as printed: relative to the current folder when inside it. */
function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('../../..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p;
}

function toJson(findings: Finding[], index: SourceIndex): string {
  const out = findings.map((f) => ({
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    endLine: f.location.endLine,
    endColumn: f.location.endColumn,
    severity: f.severity,
    code: f.code,
    message: f.message,
    text: f.text,
    evidence: f.evidence.map((e) => ({
      source: e.source,
      file: shown(index.getSource(e.source)?.path ?? e.location.file),
      ...(e.location.page ? { page: e.location.page } : {}),
      ...(e.location.paragraph ? { paragraph: e.location.paragraph } : {}),
      line: e.location.line,
      column: e.location.column,
      quote: e.quote,
      value: e.value,
    })),
    fix: f.fix,
  }));
  return `${JSON.stringify({ findings: out }, null, 2)}\n`;
}

function toText(findings: Finding[]): string {
  if (!findings.length) return 'No findings.\n';
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${f.location.file}:${f.location.line}:${f.location.column}: ${f.severity}: ${f.message} [${f.code}]`);
    for (const e of f.evidence.slice(0, 5)) lines.push(`    ${e.source} ${shown(e.location.file)}:${citedPart(e.location)}${e.location.line}:${e.location.column}: ${truncate(e.quote, 160)}`);
  }
  const counts = (sev: string) => findings.filter((f) => f.severity === sev).length;
  lines.push(`${findings.length} finding(s): ${counts('error')} error(s), ${counts('warning')} warning(s), ${counts('information')} information, ${counts('hint')} hint(s).`);
  return `${lines.join('\n')}\n`;
}

/**
 * "p.3:" for a PDF page, "¶4:" for a paragraph of a web page or Word document: line and
 * column count lines of the extracted text, the page or paragraph is what a reader finds.
 */
function citedPart(loc: Location): string {
  if (loc.page) return `p.${loc.page}:`;
  if (loc.paragraph) return `¶${loc.paragraph}:`;
  return '';
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function toSarif(findings: Finding[]): string {
  const rules = [...new Set(findings.map((f) => f.code))].map((id) => ({ id, shortDescription: { text: id.replace(/-/g, ' ') } }));
  const results = findings.map((f) => ({
    ruleId: f.code,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.location.file.replace(/\\/g, '/') }, region: { startLine: f.location.line, startColumn: f.location.column, endLine: f.location.endLine, endColumn: f.location.endColumn } } }],
    relatedLocations: f.evidence.map((e, i) => ({ id: i + 1, message: { text: `${e.source}: ${truncate(e.quote, 200)}` }, physicalLocation: { artifactLocation: { uri: shown(e.location.file).replace(/\\/g, '/') }, region: { startLine: e.location.line, startColumn: e.location.column } } })),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'corroborate', informationUri: 'https://github.com/corroborate/corroborate', rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function formatFindings(findings: Finding[], format: OutputFormat, index: SourceIndex): string {
  if (format === 'json') return toJson(findings, index);
  if (format === 'sarif') return toSarif(findings);
  return toText(findings);
}

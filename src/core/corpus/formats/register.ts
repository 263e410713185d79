/**
 * Registers the extractors for PDF, HTML, Word and markdown front matter. Imported once,
 * for its effect, by each entry point (CLI, language server, eval), so the core itself
 * stays free of their libraries and tests can index text without them.
 */
import { extractDocx } from './docx';
import { extractMarkdown } from './frontMatter';
import { extractHtml } from './html';
import { registerExtractor } from './index';
import { extractPdf } from './pdf';

registerExtractor(['pdf'], extractPdf);
registerExtractor(['html', 'htm'], extractHtml);
registerExtractor(['docx'], extractDocx);
registerExtractor(['md', 'markdown'], extractMarkdown);

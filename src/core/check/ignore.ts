import picomatch from 'picomatch';
import type { IgnoreRule } from '../config/config';
import type { Finding } from '../types';

/** True when a rule in `ignore` covers the finding; every field the rule gives must match. */
export function isIgnored(f: Finding, rules: IgnoreRule[]): boolean {
  return rules.some((r) => {
    if (r.code && r.code !== f.code) return false;
    if (r.text && r.text !== f.text) return false;
    if (r.line && r.line !== f.location.line) return false;
    if (r.file) {
      const file = f.location.file.replace(/\\/g, '/');
      const want = r.file.replace(/\\/g, '/');
      if (file !== want && !file.endsWith(`/${want}`) && !picomatch.isMatch(file, want, { contains: true })) return false;
    }
    return true;
  });
}

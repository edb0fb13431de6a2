import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '../../docs/benchmarks.md');
const header = `# Benchmarks

Measured by \`npm run bench:<name>\` on the project's machine kind (2 cores, 24 GiB, Debian 12,
Chromium 156 headless, mediasoup 3.27.1, Node 24). These machines are noisy: figures are
medians and percentiles of repeated runs, with ratios against a baseline measured in the same
run. Each section is rewritten by its benchmark.
`;

/** Replaces (or appends) the benchmark's section in docs/benchmarks.md. */
export function writeBenchmarkSection(name: string, markdown: string): void {
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header;
  const section = `${begin}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

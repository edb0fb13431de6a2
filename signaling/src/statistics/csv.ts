/**
 * CSV for Finnish Excel: UTF-8 with a BOM (so Excel reads UTF-8), `;` between cells (the list
 * separator of the Finnish locale), the decimal comma in numbers (`12,5`; with a `.` Finnish
 * Excel reads text or a date), CRLF line ends and RFC 4180 quoting. Text cells that Excel would
 * run as a formula (starting with = + - @ tab or CR) get a leading apostrophe.
 */
export type CsvCell = string | number | boolean | null | undefined;

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  return String(value).replace('.', ',');
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole document: BOM, header row, rows, each line ended by CRLF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(CSV_SEPARATOR), ...rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR))];
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * Reads a document written by `csvDocument` back into rows of strings (RFC 4180: quoted cells
 * may hold separators, quotes doubled, line breaks). For tests and tools.
 */
export function parseCsv(document: string): string[][] {
  const text = document.startsWith(CSV_BOM) ? document.slice(1) : document;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === CSV_SEPARATOR) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A decimal-comma number cell back to a number; '' → null. */
export function parseCsvNumber(cell: string): number | null {
  return cell === '' ? null : Number(cell.replace(',', '.'));
}

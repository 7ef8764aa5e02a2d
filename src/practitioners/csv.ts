/**
 * Reads CSV (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes doubled and line
 * breaks; CRLF or LF) into records keyed by the header row's names. A blank line is no record.
 */
export function parseCsv(input: string): { header: string[]; records: Array<Record<string, string>> } | { problem: string } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = input.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) return { problem: 'A quoted field is not closed.' };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows.filter((r) => r.some((f) => f.trim() !== ''));
  if (!head) return { problem: 'The file is empty; its first line names the columns.' };
  const header = head.map((name) => name.trim().toLowerCase());
  return { header, records: body.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? '']))) };
}

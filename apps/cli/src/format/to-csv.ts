/** RFC 4180 CSV: CRLF line ends; fields with commas, quotes or line breaks quoted, quotes doubled. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (value: string) =>
    /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return [headers, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

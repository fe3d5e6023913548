/**
 * Text as a workbook cell keeps it: exceljs drops the control characters XML cannot hold (a
 * form feed pasted from a PDF, say), XML reads every line break back as \n, and a cell's
 * edges are trimmed. Export, import and the comparison between the two all go through this,
 * so a note nobody touched never reads as changed.
 */
export function sheetText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are exactly what is removed
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\r\n?/g, '\n')
      .trim()
  );
}

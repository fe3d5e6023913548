/** JSON text as a user's file gives it (perhaps with a byte-order mark), or the parser's complaint. */
export function parseJsonText(text: string): { ok: true; data: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, data: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

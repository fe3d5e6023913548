/**
 * What people paste into the join form: the bare token `tmb1.<16 hex>.<43 base64url>`, or the link
 * the hub prints and shows as a QR code, `timbang://join?hub=<url>&token=<token>`. A link fills both
 * fields; anything else is left to the contract's own schema to judge.
 */
export function parseJoinLink(text: string): { hubUrl: string; token: string } | null {
  const trimmed = text.trim();
  if (!/^timbang:\/\/join\b/i.test(trimmed)) return null;
  const query = trimmed.slice(trimmed.indexOf('?') + 1);
  if (!trimmed.includes('?')) return null;
  const params = new URLSearchParams(query);
  const hubUrl = params.get('hub')?.trim() ?? '';
  const token = params.get('token')?.trim() ?? '';
  return hubUrl || token ? { hubUrl, token } : null;
}

/** A hub fingerprint in groups of four, to be read aloud and compared: "3f2a 9b01 c4d7 e812". */
export function groupFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
}

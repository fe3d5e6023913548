import { describe, expect, it } from 'vitest';
import { createTranslator, describeError } from '../../../shared/i18n/index.ts';
import { BYTES_PER_MB, megabytes, sizeRefusal } from '../../../shared/intake/size-limit.ts';

describe('upload size limit', () => {
  it('lets a file at the limit through and refuses one byte more, naming the file and both sizes', () => {
    const limit = 200 * BYTES_PER_MB;
    expect(sizeRefusal('masterplan.pdf', limit, limit)).toBeUndefined();
    const refusal = sizeRefusal('masterplan.pdf', 250.46 * BYTES_PER_MB, limit);
    expect(refusal?.toData()).toMatchObject({ code: 'document.too_large', params: { file: 'masterplan.pdf', size: 250.5, limit: 200 } });
    expect(describeError(createTranslator('id'), refusal!.toData())).toBe(
      'Berkas masterplan.pdf berukuran 250,5 MB, melebihi batas 200 MB (dapat diubah di Pengaturan).',
    );
    expect(describeError(createTranslator('en'), refusal!.toData())).toContain('is 250.5 MB, above the 200 MB limit');
  });

  it('rounds to one decimal', () => {
    expect(megabytes(1536 * 1024)).toBe(1.5);
    expect(megabytes(1)).toBe(0);
  });
});

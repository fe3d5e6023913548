/**
 * Replaces whole pages of a LibreOffice PDF by images, as a scanner would have made them,
 * rewriting the file (classic xref table, no object streams): the page's own content stream is
 * emptied, so none of its text is left in the file, and fonts stay shared (pdfseparate +
 * pdfunite would copy every font into every page).
 */

export interface PageImage {
  /** A baseline JPEG. */
  jpeg: Buffer;
  width: number;
  height: number;
  /** 1 for grey, 3 for RGB. */
  components: 1 | 3;
}

interface Parsed {
  head: Buffer;
  objects: Map<number, Buffer>;
  root: string;
  info?: string;
}

function parse(pdf: Buffer): Parsed {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  if (!Number.isFinite(startxref) || !text.startsWith('xref', startxref)) throw new Error('expected a classic xref table at the end');
  const trailerAt = text.indexOf('trailer', startxref);
  const table = text.slice(startxref + 4, trailerAt);
  const offsets = new Map<number, number>();
  const lines = table.trim().split(/\r?\n/);
  for (let i = 0; i < lines.length;) {
    const [first, count] = (lines[i++] as string).trim().split(/\s+/).map(Number) as [number, number];
    for (let k = 0; k < count; k++, i++) {
      const [offset, , kind] = (lines[i] as string).trim().split(/\s+/);
      if (kind === 'n') offsets.set(first + k, Number(offset));
    }
  }
  const trailer = text.slice(trailerAt, text.indexOf('startxref', trailerAt));
  if (/\/Prev\b/.test(trailer)) throw new Error('an updated PDF (/Prev) is not supported');
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  if (!root) throw new Error('no /Root');
  const sorted = [...offsets].sort((a, b) => a[1] - b[1]);
  const objects = new Map<number, Buffer>();
  sorted.forEach(([number, offset], i) => objects.set(number, pdf.subarray(offset, sorted[i + 1]?.[1] ?? startxref)));
  return { head: pdf.subarray(0, sorted[0]?.[1] ?? 0), objects, root, info: /\/Info\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1] };
}

const ref = (text: string) => Number(/^(\d+)/.exec(text)?.[1]);
const dictOf = (object: Buffer) => {
  const text = object.toString('latin1');
  const end = text.indexOf('stream');
  return end >= 0 ? text.slice(0, end) : text;
};

/** Page object numbers in page order. */
function pageObjects(parsed: Parsed): number[] {
  const rootDict = dictOf(parsed.objects.get(ref(parsed.root)) as Buffer);
  const pagesRef = /\/Pages\s+(\d+)\s+\d+\s+R/.exec(rootDict)?.[1];
  const out: number[] = [];
  const walk = (number: number) => {
    const dict = dictOf(parsed.objects.get(number) as Buffer);
    if (/\/Type\s*\/Pages\b/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
      for (const match of kids.matchAll(/(\d+)\s+\d+\s+R/g)) walk(Number(match[1]));
    } else out.push(number);
  };
  walk(Number(pagesRef));
  return out;
}

export function replacePages(pdf: Buffer, images: Map<number, PageImage>): Buffer {
  const parsed = parse(pdf);
  const pages = pageObjects(parsed);
  let next = Math.max(...parsed.objects.keys()) + 1;
  const objects = new Map(parsed.objects);
  const body = (number: number, dict: string, stream?: Buffer) =>
    Buffer.concat([
      Buffer.from(`${number} 0 obj\n${dict}${stream ? `\nstream\n` : '\n'}`, 'latin1'),
      ...(stream ? [stream, Buffer.from('\nendstream', 'latin1')] : []),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
  for (const [page, image] of images) {
    const number = pages[page - 1];
    if (!number) throw new Error(`no page ${page}`);
    const dict = dictOf(objects.get(number) as Buffer);
    const mediaBox = /\/MediaBox\s*\[([^\]]*)\]/.exec(dict)?.[1]?.trim().split(/\s+/).map(Number);
    const parent = /\/Parent\s+(\d+\s+\d+\s+R)/.exec(dict)?.[1];
    if (!mediaBox || mediaBox.length !== 4 || !parent) throw new Error(`page ${page}: no MediaBox or Parent`);
    // Empty the old content streams: nothing of the page's text stays in the file.
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(dict)?.[1] ?? '';
    for (const match of contents.matchAll(/(\d+)\s+\d+\s+R/g))
      objects.set(Number(match[1]), body(Number(match[1]), '<</Length 0>>', Buffer.alloc(0)));
    const [x0, y0, x1, y1] = mediaBox as [number, number, number, number];
    const imageNumber = next++;
    const contentNumber = next++;
    objects.set(
      imageNumber,
      body(
        imageNumber,
        `<</Type/XObject/Subtype/Image/Width ${image.width}/Height ${image.height}/ColorSpace/${image.components === 1 ? 'DeviceGray' : 'DeviceRGB'}/BitsPerComponent 8/Filter/DCTDecode/Length ${image.jpeg.length}>>`,
        image.jpeg,
      ),
    );
    const draw = Buffer.from(`q ${(x1 - x0).toFixed(4)} 0 0 ${(y1 - y0).toFixed(4)} ${x0} ${y0} cm /Scan Do Q`, 'latin1');
    objects.set(contentNumber, body(contentNumber, `<</Length ${draw.length}>>`, draw));
    objects.set(
      number,
      body(
        number,
        `<</Type/Page/Parent ${parent}/MediaBox[${mediaBox.join(' ')}]/Resources<</XObject<</Scan ${imageNumber} 0 R>>>>/Contents ${contentNumber} 0 R>>`,
      ),
    );
  }
  const chunks: Buffer[] = [parsed.head];
  let offset = parsed.head.length;
  const offsets: number[] = [];
  for (let number = 1; number < next; number++) {
    const object = objects.get(number);
    if (!object) throw new Error(`object ${number} missing`);
    offsets[number] = offset;
    chunks.push(object);
    offset += object.length;
  }
  const xref = ['xref', `0 ${next}`, '0000000000 65535 f ', ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n `)].join(
    '\n',
  );
  const id = '<00000000000000000000000000000000>';
  chunks.push(
    Buffer.from(
      `${xref}\ntrailer\n<</Size ${next}/Root ${parsed.root}${parsed.info ? `/Info ${parsed.info}` : ''}/ID [ ${id} ${id} ]>>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(chunks);
}

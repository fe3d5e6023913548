import type ExcelJS from 'exceljs';

/**
 * Pictures on a sheet of a *streamed* workbook. exceljs's streaming writer (which keeps a
 * recap of a whole cohort out of memory) writes media but not the drawing that places
 * them on a sheet, so this adds the three parts Excel needs: the drawing (one anchored
 * picture per image, with its title as alt text), the drawing's relationships to the
 * media, and the sheet's `<drawing>` element with its relationship; plus the drawing's
 * content type.
 */
export interface SheetImage {
  title: string;
  png: Buffer;
  width: number;
  height: number;
  /** Zero-based row the picture's top-left corner sits on. */
  row: number;
}

const EMU_PER_PIXEL = 9525;
const DRAWING_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const IMAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';

interface WriterInternals {
  zip: { append(source: string | Buffer, data: { name: string }): unknown };
  addImage(image: { buffer: Buffer; extension: 'png' }): number;
  getImage(id: number): { name: string };
}

interface SheetInternals {
  id: number;
  _sheetRelsWriter: { addRelationship(rel: { Target: string; Type: string }): string };
  _writeLegacyData(): void;
  stream: { write(text: string): void };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function addSheetImages(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
  images: readonly SheetImage[],
): void {
  if (images.length === 0) return;
  const writer = workbook as unknown as WriterInternals;
  const target = sheet as unknown as SheetInternals;
  const drawing = `drawing${target.id}`;
  const media = images.map((image) => writer.getImage(writer.addImage({ buffer: image.png, extension: 'png' })).name);

  const anchors = images
    .map((image, index) => {
      const cx = Math.round(image.width * EMU_PER_PIXEL);
      const cy = Math.round(image.height * EMU_PER_PIXEL);
      return `<xdr:oneCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${image.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${index + 2}" name="${escape(image.title)}" descr="${escape(image.title)}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId${index + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`;
    })
    .join('');
  writer.zip.append(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors}</xdr:wsDr>`,
    { name: `xl/drawings/${drawing}.xml` },
  );
  writer.zip.append(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${media
      .map((name, index) => `<Relationship Id="rId${index + 1}" Type="${IMAGE_REL}" Target="../media/${name}"/>`)
      .join('')}</Relationships>`,
    { name: `xl/drawings/_rels/${drawing}.xml.rels` },
  );

  // The sheet's <drawing> goes just before any legacy drawing, as the schema orders them.
  const writeLegacy = target._writeLegacyData.bind(target);
  target._writeLegacyData = () => {
    const id = target._sheetRelsWriter.addRelationship({ Target: `../drawings/${drawing}.xml`, Type: DRAWING_REL });
    target.stream.write(`<drawing r:id="${id}"/>`);
    writeLegacy();
  };

  // And the drawing's content type, in the [Content_Types].xml the writer makes at commit.
  const append = writer.zip.append.bind(writer.zip);
  writer.zip.append = (source, data) => {
    if (data.name === '[Content_Types].xml' && typeof source === 'string') {
      source = source.replace(
        '</Types>',
        `<Override PartName="/xl/drawings/${drawing}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
      );
    }
    return append(source, data);
  };
}

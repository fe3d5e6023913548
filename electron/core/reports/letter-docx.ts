import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IBorderOptions,
} from 'docx';
import type { LetterBlock, LetterChart, LetterDocument, LetterTone } from '../../../shared/report/letter-document.ts';

/** A4 in twentieths of a point, with 2.5 cm margins: what is left is the text width. */
const PAGE = { width: 11906, height: 16838, margin: 1418 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** The text width in pixels at 96 dpi (1440 twips per inch), for pictures. */
const TEXT_PIXELS = Math.floor((TEXT_WIDTH / 1440) * 96);
const FONT = 'Arial';
const TONE_COLOUR: Record<LetterTone, string | undefined> = { above: '1B5E20', below: 'B71C1C', none: undefined };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '9E9E9E' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NUMBERED = 'letter-numbered';
const BULLETED = 'letter-bulleted';

/** A PNG's size in pixels, from its header. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const cellMargins = { top: 60, bottom: 60, left: 100, right: 100 };

function table(block: Extract<LetterBlock, { kind: 'table' }>): FileChild[] {
  const total = block.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = block.columns.map((column) => Math.round((column.width / total) * TEXT_WIDTH));
  const align = (value: 'left' | 'right' | 'center') =>
    value === 'right' ? AlignmentType.RIGHT : value === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  const borders = { top: LINE, bottom: LINE, left: LINE, right: LINE };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map(
      (column, index) =>
        new TableCell({
          width: { size: widths[index] ?? 0, type: WidthType.DXA },
          borders,
          margins: cellMargins,
          shading: { type: ShadingType.CLEAR, fill: 'E8EAED', color: 'auto' },
          children: [new Paragraph({ alignment: align(column.align), children: [new TextRun({ text: column.title, bold: true })] })],
        }),
    ),
  });
  const rows = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map((cell, index) => {
          const colour = TONE_COLOUR[cell.tone ?? 'none'];
          return new TableCell({
            width: { size: widths[index] ?? 0, type: WidthType.DXA },
            borders,
            margins: cellMargins,
            children: [
              new Paragraph({
                alignment: align(block.columns[index]?.align ?? 'left'),
                children: [new TextRun({ text: cell.text, ...(cell.strong ? { bold: true } : {}), ...(colour ? { color: colour } : {}) })],
              }),
            ],
          });
        }),
      }),
  );
  const out: FileChild[] = [];
  if (block.caption) out.push(new Paragraph({ children: [new TextRun({ text: block.caption, bold: true })] }));
  out.push(new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...rows] }));
  out.push(new Paragraph({ text: '' }));
  return out;
}

function signatures(block: Extract<LetterBlock, { kind: 'signatures' }>): FileChild[] {
  const borders = { top: NONE, bottom: NONE, left: NONE, right: NONE };
  const half = Math.floor(TEXT_WIDTH / 2);
  const signerCell = (signer: (typeof block.signers)[number] | undefined) =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      borders,
      children: signer
        ? [
            new Paragraph({ children: [new TextRun({ text: signer.role, bold: true })] }),
            // Room to sign.
            new Paragraph({ text: '' }),
            new Paragraph({ text: '' }),
            new Paragraph({ text: '' }),
            new Paragraph({ children: [new TextRun({ text: signer.name, bold: true, underline: {} })] }),
            new Paragraph({ children: [new TextRun({ text: signer.institution })] }),
            new Paragraph({ text: '' }),
          ]
        : [new Paragraph({ text: '' })],
    });
  const rows: TableRow[] = [];
  for (let index = 0; index < block.signers.length; index += 2) {
    rows.push(new TableRow({ cantSplit: true, children: [signerCell(block.signers[index]), signerCell(block.signers[index + 1])] }));
  }
  return [
    new Paragraph({ text: '' }),
    new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, children: [new TextRun(block.placeAndDate)] }),
    new Paragraph({ keepNext: true, children: [new TextRun({ text: block.intro, bold: true })] }),
    new Paragraph({ text: '', keepNext: true }),
    ...(rows.length
      ? [new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [half, half], borders: undefined, rows })]
      : []),
  ];
}

/**
 * The letter as an editable Word document: A4 portrait, Arial 11, tables whose header row
 * repeats on every page, the charts as pictures, page numbers in the footer and a signature
 * block for the panel. `chartPng` draws a chart, its caption as the picture's alt text (undefined: the caption stands alone).
 */
export async function renderLetterDocx(
  letter: LetterDocument,
  chartPng: (chart: LetterChart) => Promise<Buffer | undefined>,
): Promise<Buffer> {
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(letter.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: letter.subtitle, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: letter.ministry, italics: true })] }),
    new Paragraph({ text: '' }),
  ];
  let list = 0;
  for (const [index, block] of letter.blocks.entries()) {
    switch (block.kind) {
      case 'heading':
        children.push(
          new Paragraph({
            heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            keepNext: true,
            children: [new TextRun(block.text)],
          }),
        );
        break;
      case 'paragraph':
        children.push(
          new Paragraph({
            // The closing paragraph stays with the signatures.
            keepNext: letter.blocks[index + 1]?.kind === 'signatures',
            children: [
              new TextRun({
                text: block.text,
                ...(block.style === 'strong' ? { bold: true } : {}),
                ...(block.style === 'muted' ? { color: '5F6368', italics: true } : {}),
              }),
            ],
          }),
        );
        break;
      case 'facts': {
        const label = Math.round(TEXT_WIDTH * 0.38);
        const borders = { top: LINE, bottom: LINE, left: NONE, right: NONE };
        children.push(
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: [label, TEXT_WIDTH - label],
            rows: block.rows.map(
              (row) =>
                new TableRow({
                  cantSplit: true,
                  children: [
                    new TableCell({
                      width: { size: label, type: WidthType.DXA },
                      borders,
                      margins: cellMargins,
                      children: [new Paragraph({ children: [new TextRun({ text: row.label, color: '3C4043' })] })],
                    }),
                    new TableCell({
                      width: { size: TEXT_WIDTH - label, type: WidthType.DXA },
                      borders,
                      margins: cellMargins,
                      children: [new Paragraph({ children: [new TextRun({ text: row.value, bold: true })] })],
                    }),
                  ],
                }),
            ),
          }),
          new Paragraph({ text: '' }),
        );
        break;
      }
      case 'table':
        children.push(...table(block));
        break;
      case 'list': {
        // Each numbered list starts again at 1.
        const instance = (list += 1);
        for (const item of block.items) {
          children.push(
            new Paragraph({
              numbering: { reference: block.ordered ? NUMBERED : BULLETED, level: 0, ...(block.ordered ? { instance } : {}) },
              children: [new TextRun(item)],
            }),
          );
        }
        break;
      }
      case 'chart': {
        const png = await chartPng(block.chart);
        // The picture draws its own title: the caption is its alt text (read aloud, found by search), not a second title.
        // Without a picture the caption stands alone.
        if (!png) children.push(new Paragraph({ children: [new TextRun({ text: block.chart.caption, bold: true })] }));
        else {
          const size = pngSize(png);
          const scale = Math.min(1, TEXT_PIXELS / size.width);
          children.push(
            new Paragraph({
              alignment: AlignmentType.CENTER,
              // A single line that grows with the picture (LibreOffice clips a picture to a fixed line).
              spacing: { line: 240, lineRule: LineRuleType.AUTO },
              children: [
                new ImageRun({
                  type: 'png',
                  data: png,
                  transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
                  altText: { name: `chart-${block.chart.kind}`, description: block.chart.caption },
                }),
              ],
            }),
          );
        }
        children.push(new Paragraph({ text: '' }));
        break;
      }
      case 'signatures':
        children.push(...signatures(block));
        break;
    }
  }

  const [before = '', middle = '', after = ''] = letter.pageLabel.split(/\{page\}|\{pages\}/);
  const document = new Document({
    creator: 'Timbang',
    title: `${letter.title} · ${letter.subtitle}`,
    description: letter.subtitle,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 100, line: 276, lineRule: LineRuleType.AUTO } } },
      },
      paragraphStyles: [
        { id: 'Title', name: 'Title', run: { font: FONT, size: 32, bold: true }, paragraph: { spacing: { after: 120 } } },
        {
          id: 'Heading1',
          name: 'Heading 1',
          run: { font: FONT, size: 26, bold: true, color: '1A237E' },
          paragraph: { spacing: { before: 280, after: 120 } },
        },
        {
          id: 'Heading2',
          name: 'Heading 2',
          run: { font: FONT, size: 23, bold: true, color: '283593' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 500, hanging: 360 } } },
            },
          ],
        },
        {
          reference: BULLETED,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 500, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 600 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${letter.footer} · `, size: 18, color: '5F6368' }),
                  new TextRun({ children: [before, PageNumber.CURRENT, middle, PageNumber.TOTAL_PAGES, after], size: 18, color: '5F6368' }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

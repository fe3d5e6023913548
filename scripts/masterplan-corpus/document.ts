import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  NumberFormat,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  TabStopType,
  TextRun,
  LeaderType,
  LineRuleType,
  type ISectionOptions,
  type FileChild,
} from 'docx';
import type { Block, TocEntry } from './model.ts';
import type { DocSpec } from './specs.ts';
import { buildTable } from './tables.ts';

/** Blocks → a DOCX as Word writes it: Heading 1/2/3 styles, sections, running header, page numbers. */

const CM = 567;
const PAPER = { A4: { width: 11906, height: 16838 }, F4: { width: 12240, height: 18720 } } as const;
const ALIGN = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
} as const;

export interface DocumentInput {
  spec: DocSpec;
  title: string;
  runningHeader: string;
  blocks: Block[];
  /** Contents entries with page labels (placeholders on the first pass). */
  toc: TocEntry[];
  tableList: TocEntry[];
  /** ISO date written into the document properties. */
  date: string;
}

export function textWidth(spec: DocSpec, orientation: 'portrait' | 'landscape'): number {
  const paper = PAPER[spec.paper];
  const [, right, , left] = spec.margins;
  const width = orientation === 'portrait' ? paper.width : paper.height;
  return width - Math.round((left + right) * CM);
}

export async function buildDocx(input: DocumentInput): Promise<Buffer> {
  const { spec } = input;
  const line = Math.round(240 * spec.lineSpacing);
  const size = spec.bodySize * 2;
  // Word's Normal style since 2013 (1.08 lines) leaves 8 pt after a paragraph; else 6 pt.
  const afterDefault = spec.lineSpacing === 1.08 ? 160 : 120;
  let listInstance = 0;

  const sections: { part: 'front' | 'body'; orientation: 'portrait' | 'landscape'; children: FileChild[] }[] = [];
  const current = () => {
    const section = sections.at(-1);
    if (!section) throw new Error('content before the first section');
    return section;
  };

  const tocLines = (entries: TocEntry[], orientation: 'portrait' | 'landscape'): Paragraph[] =>
    entries.map(
      (entry) =>
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: textWidth(spec, orientation), leader: LeaderType.DOT }],
          indent: { left: entry.level <= 1 ? 0 : (entry.level - 1) * 425 },
          spacing: { before: entry.level === 1 ? 120 : 0, after: 40, line: 240, lineRule: LineRuleType.AUTO },
          children: [new TextRun({ text: entry.text, bold: entry.level === 1 }), new TextRun({ text: `\t${entry.page}` })],
        }),
    );

  for (const [index, block] of input.blocks.entries()) {
    if (block.kind === 'section') {
      sections.push({ part: block.part, orientation: block.orientation, children: [] });
      continue;
    }
    const section = current();
    const push = (...children: FileChild[]) => section.children.push(...children);
    switch (block.kind) {
      case 'heading': {
        const level = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][block.level - 1];
        push(
          new Paragraph({
            heading: level,
            pageBreakBefore: block.pageBreakBefore,
            children: block.lines.flatMap((text, index) => [new TextRun({ text, break: index > 0 ? 1 : 0 })]),
          }),
        );
        break;
      }
      case 'para':
        push(
          new Paragraph({
            alignment: ALIGN[block.align ?? 'justify'],
            keepNext: block.keepNext,
            indent: {
              firstLine: block.firstLine ? 720 : undefined,
              left: block.indent ?? (block.hanging ? block.hanging : undefined),
              hanging: block.hanging,
            },
            tabStops: block.tabs?.map((position) => ({ type: TabStopType.LEFT, position })),
            spacing: {
              before: block.spaceBefore ?? 0,
              after: block.spaceAfter ?? afterDefault,
              line: block.line ? Math.round(240 * block.line) : line,
              lineRule: LineRuleType.AUTO,
            },
            children: [
              new TextRun({ text: block.text, bold: block.bold, italics: block.italic, size: block.size ? block.size * 2 : undefined }),
            ],
          }),
        );
        break;
      case 'list': {
        listInstance++;
        for (const item of block.items) {
          push(
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              numbering: { reference: block.format, level: 0, instance: listInstance },
              spacing: { after: 60, line, lineRule: LineRuleType.AUTO },
              children: [new TextRun(item)],
            }),
          );
        }
        break;
      }
      case 'caption':
        push(
          block.below
            ? new Paragraph({
                alignment: AlignmentType.CENTER,
                keepLines: true,
                spacing: { before: 40, after: 200, line: 240, lineRule: LineRuleType.AUTO },
                children: [new TextRun({ text: block.text, bold: true, size: size - 2 })],
              })
            : new Paragraph({
                alignment: AlignmentType.CENTER,
                keepNext: true,
                keepLines: true,
                ...(block.pageBreakBefore ? { pageBreakBefore: true } : {}),
                spacing: { before: 160, after: 80, line: 240, lineRule: LineRuleType.AUTO },
                children: [new TextRun({ text: block.text, bold: true, size: size - 2 })],
              }),
        );
        break;
      case 'table':
        push(buildTable(block.table, textWidth(spec, section.orientation), spec.tableFont ?? spec.font, spec.tableFont));
        {
          // A caption below, or a note ("Sumber: …"), follows the table directly.
          const next = input.blocks[index + 1];
          if (next?.kind === 'section' && next.midTable)
            // The table goes on in the next section: a tiny paragraph holds the break, as a user shrinks it to keep it on the page.
            push(
              new Paragraph({ spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, run: { size: 2 }, children: [] }),
            );
          else if ((next?.kind !== 'caption' || !next.below) && (next?.kind !== 'para' || !next.note))
            push(new Paragraph({ spacing: { after: 60, line: 240, lineRule: LineRuleType.AUTO }, children: [] }));
        }
        break;
      case 'pageBreak':
        push(new Paragraph({ pageBreakBefore: true, spacing: { after: 0 }, children: [] }));
        break;
      case 'toc':
        push(...tocLines(input.toc, section.orientation));
        break;
      case 'tableList':
        push(...tocLines(input.tableList, section.orientation));
        break;
      case 'image':
        push(
          new Paragraph({
            alignment: block.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
            indent: block.indent ? { left: block.indent } : undefined,
            spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO },
            children: [new ImageRun({ type: 'png', data: block.png, transformation: { width: block.width, height: block.height } })],
          }),
        );
        break;
      case 'spacer':
        push(new Paragraph({ spacing: { before: block.points * 20, after: 0 }, children: [] }));
        break;
    }
  }

  const headerLine = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080', space: 2 } },
        children: [new TextRun({ text: input.runningHeader, italics: true, size: 16, color: '404040' })],
      }),
    ],
  });
  const footer = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({ children: [new Paragraph({ alignment, children: [new TextRun({ children: [PageNumber.CURRENT], size: 18 })] })] });

  const paper = PAPER[spec.paper];
  const [top, right, bottom, left] = spec.margins.map((cm) => Math.round(cm * CM)) as [number, number, number, number];
  let bodyStarted = false;
  const docSections: ISectionOptions[] = sections.map((section) => {
    const front = section.part === 'front';
    const first = !front && !bodyStarted;
    if (!front) bodyStarted = true;
    return {
      properties: {
        titlePage: front,
        page: {
          size: {
            width: paper.width,
            height: paper.height,
            orientation: section.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: { top, right, bottom, left, header: 708, footer: 708 },
          pageNumbers: front
            ? { start: 1, formatType: NumberFormat.LOWER_ROMAN }
            : first
              ? { start: 1, formatType: NumberFormat.DECIMAL }
              : { formatType: NumberFormat.DECIMAL },
        },
      },
      headers: front ? { first: new Header({ children: [] }), default: new Header({ children: [] }) } : { default: headerLine },
      footers: front
        ? { first: new Footer({ children: [] }), default: footer(AlignmentType.CENTER) }
        : { default: footer(spec.font === 'Times New Roman' ? AlignmentType.CENTER : AlignmentType.RIGHT) },
      children: section.children,
    };
  });

  const headingRun = { font: spec.font, bold: true, color: '000000' };
  const doc = new Document({
    title: input.title,
    creator: 'Tim Pelaksana Smart City',
    description: 'Synthetic test document (Timbang corpus)',
    styles: {
      default: {
        document: { run: { font: spec.font, size }, paragraph: { spacing: { line, lineRule: LineRuleType.AUTO } } },
        heading1: {
          run: { ...headingRun, size: size + 4 },
          paragraph: {
            alignment: spec.chapterHeading === 'two-line' ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { before: 240, after: 360, line: 276, lineRule: LineRuleType.AUTO },
            keepNext: true,
          },
        },
        heading2: {
          run: { ...headingRun, size: size + 2 },
          paragraph: { spacing: { before: 240, after: 120, line: 276, lineRule: LineRuleType.AUTO }, keepNext: true },
        },
        heading3: {
          run: { ...headingRun, size },
          paragraph: { spacing: { before: 200, after: 100, line: 276, lineRule: LineRuleType.AUTO }, keepNext: true },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: 'decimal',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 425, hanging: 425 } } },
            },
          ],
        },
        {
          reference: 'lowerLetter',
          levels: [
            {
              level: 0,
              format: LevelFormat.LOWER_LETTER,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 425, hanging: 425 } } },
            },
          ],
        },
        {
          reference: 'bullet',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '\u2022',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 425, hanging: 283 } } },
            },
          ],
        },
      ],
    },
    sections: docSections,
  });

  const core =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(input.title)}</dc:title><dc:creator>Tim Pelaksana Smart City</dc:creator><dc:description>Synthetic test document (Timbang corpus)</dc:description>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${input.date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${input.date}</dcterms:modified></cp:coreProperties>`;
  const buffer = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: core }]);
  return fixZipTimes(buffer, input.date);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Sets every entry's DOS time and date in a zip to `iso`, so the same content gives the same bytes. */
export function fixZipTimes(zip: Buffer, iso: string): Buffer {
  const date = new Date(iso);
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip');
  const count = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    out.writeUInt16LE(dosTime, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

/**
 * Masterplans the tests (and the demo workspace's script) generate themselves, with a
 * known truth: six dimensions treated at length except one (Smart Branding for Banggai:
 * one short paragraph, thin), readiness, quick wins in a table, a road map, and (PDF)
 * three scanned pages without a text layer.
 */

/** Whose masterplan it is; the default is the one every test knows, Kabupaten Banggai. */
export interface MasterplanSubject {
  /** "Kabupaten Banggai", as on the cover and in the text. */
  name: string;
  province: string;
  /** The dimension given one short paragraph only. */
  thin: string;
  /** That one short paragraph. */
  thinText: string;
}

export const BANGGAI: MasterplanSubject = {
  name: 'Kabupaten Banggai',
  province: 'Sulawesi Tengah',
  thin: 'Smart Branding',
  thinText: 'Pariwisata pantai Banggai akan dipromosikan.',
};

export const QUICK_WINS = [
  { name: 'Galeri UMKM daring', dimension: 'Smart Economy', code: 'ECO', agency: 'Dinas Koperasi dan UKM', year: '2023' },
  { name: 'Layanan ambulans gratis 112', dimension: 'Smart Living', code: 'LIV', agency: 'Dinas Kesehatan', year: '2023' },
  { name: 'Sistem informasi perumahan', dimension: 'Smart Living', code: 'LIV', agency: 'Dinas Perkim', year: '2024' },
  { name: 'Aplikasi kegiatan kerukunan', dimension: 'Smart Society', code: 'SOC', agency: 'Kesbangpol', year: '2024' },
  { name: 'Perpustakaan digital sekolah', dimension: 'Smart Society', code: 'SOC', agency: 'Dinas Pendidikan', year: '2023' },
  { name: 'Mal pelayanan publik digital', dimension: 'Smart Governance', code: 'GOV', agency: 'DPMPTSP', year: '2023' },
  { name: 'Bank sampah digital', dimension: 'Smart Environment', code: 'ENV', agency: 'Dinas Lingkungan Hidup', year: '2024' },
];

interface Chapter {
  label: string;
  title: string;
  sections: { label: string; title: string; paragraphs: string[] }[];
}

const repeat = (sentence: string, times: number) => Array.from({ length: times }, () => sentence).join(' ');

const dimensionText = (subject: MasterplanSubject): Record<string, string[]> => ({
  'Smart Governance': [
    repeat(`Pelayanan publik di ${subject.name} dipercepat melalui mal pelayanan publik dan perizinan daring.`, 6),
    repeat('Reformasi birokrasi berjalan dengan e-office dan tanda tangan elektronik bagi aparatur.', 6),
    repeat('Kebijakan publik disusun dengan satu data dan data terbuka sebagai dasar.', 6),
  ],
  'Smart Branding': [
    repeat('Pariwisata dan destinasi wisata daerah dipromosikan dengan branding kota dan festival budaya.', 6),
    repeat('Citra daerah dibangun lewat produk unggulan, kuliner khas dan media sosial resmi.', 6),
    repeat('Kalender event pariwisata dan sistem informasi destinasi memudahkan wisatawan.', 6),
  ],
  'Smart Economy': [
    repeat('UMKM dan ekonomi kreatif didorong melalui galeri UMKM daring dan koperasi.', 6),
    repeat('Kesejahteraan warga naik ketika lapangan kerja bertambah dan kemiskinan turun.', 6),
    repeat('Transaksi keuangan nontunai dengan QRIS dipakai untuk pajak daerah dan e-retribusi.', 6),
  ],
  'Smart Living': [
    repeat('Tata ruang dan perumahan diatur bersama RTRW serta sistem informasi perumahan.', 6),
    repeat('Kesehatan warga dilayani puskesmas, rumah sakit dan ambulans gratis.', 6),
    repeat('Transportasi dan angkutan desa memperlancar mobilitas warga.', 6),
  ],
  'Smart Society': [
    repeat('Komunitas dan kerukunan warga dijaga lewat forum warga dan gotong royong.', 6),
    repeat('Pendidikan dan literasi diperkuat dengan perpustakaan digital sekolah.', 6),
    repeat('Keamanan dan ketertiban dipantau dengan CCTV dan kesiapsiagaan bencana.', 6),
  ],
  'Smart Environment': [
    repeat('Proteksi lingkungan mencakup pemantauan kualitas udara dan kualitas air.', 6),
    repeat('Sampah dan limbah dikelola dengan bank sampah dan daur ulang.', 6),
    repeat('Energi terbarukan tenaga surya dipakai untuk penerangan jalan.', 6),
  ],
  [subject.thin]: [subject.thinText],
});

export function chaptersOf(subject: MasterplanSubject = BANGGAI): Chapter[] {
  return [
    {
      label: 'BAB I',
      title: 'PENDAHULUAN',
      sections: [
        {
          label: '1.1',
          title: 'Latar Belakang',
          paragraphs: [repeat(`${subject.name} di ${subject.province} menyusun masterplan smart city.`, 8)],
        },
        {
          label: '1.2',
          title: 'Maksud dan Tujuan',
          paragraphs: [repeat('Masterplan menjadi pedoman pembangunan kota cerdas lima tahun.', 8)],
        },
      ],
    },
    {
      label: 'BAB II',
      title: 'ANALISIS STRATEGIS',
      sections: [
        {
          label: '2.1',
          title: 'Analisis Kesiapan Daerah',
          paragraphs: [
            repeat('Kesiapan struktur dilihat dari sumber daya manusia, SDM TIK dan anggaran.', 5),
            repeat('Kesiapan infrastruktur meliputi jaringan internet, pusat data dan fiber optik.', 5),
            repeat('Kesiapan suprastruktur meliputi regulasi, kelembagaan dan SOP.', 5),
          ],
        },
      ],
    },
    {
      label: 'BAB III',
      title: 'STRATEGI DAN PROGRAM',
      sections: Object.entries(dimensionText(subject)).map(([dimension, paragraphs], index) => ({
        label: `3.${index + 1}`,
        title: `Program ${dimension}`,
        paragraphs,
      })),
    },
    {
      label: 'BAB IV',
      title: 'QUICK WIN',
      sections: [{ label: '4.1', title: 'Daftar Quick Win', paragraphs: ['Quick win berikut dilaksanakan pada tahun pertama dan kedua.'] }],
    },
    {
      label: 'BAB V',
      title: 'PETA JALAN DAN MONITORING',
      sections: [
        {
          label: '5.1',
          title: 'Peta Jalan',
          paragraphs: [repeat('Peta jalan lima tahun dan rencana aksi tahunan disusun bersama OPD.', 6)],
        },
        {
          label: '5.2',
          title: 'Monitoring dan Evaluasi',
          paragraphs: [repeat('Monitoring dan evaluasi memakai indikator kinerja setiap semester.', 6)],
        },
      ],
    },
  ];
}

export const CHAPTERS: Chapter[] = chaptersOf(BANGGAI);

export interface MasterplanOptions {
  userPassword?: string;
  extraPages?: number;
  subject?: MasterplanSubject;
  /** Only the first this many chapters: an early Bimtek draft. */
  chapters?: number;
  /** Pages photographed without a text layer at the end (3 unless told). */
  scannedPages?: number;
  /** A fixed creation date, so that a generated file is the same on every run. */
  createdAt?: Date;
}

function bufferOf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface PdfTruth {
  /** Pages (1-based) where each outline label starts. */
  outline: Record<string, number>;
  scannedPages: number[];
  quickWinPage: number;
  pageCount: number;
}

/** The generated masterplan as a PDF, and where things are in it. */
export async function masterplanPdf(options: MasterplanOptions = {}): Promise<{ data: Buffer; truth: PdfTruth }> {
  const subject = options.subject ?? BANGGAI;
  const chapters = chaptersOf(subject).slice(0, options.chapters);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    autoFirstPage: false,
    ...(options.createdAt ? { info: { CreationDate: options.createdAt, Title: `Masterplan Smart City ${subject.name}` } } : {}),
    ...(options.userPassword ? { userPassword: options.userPassword } : {}),
  });
  const outline: Record<string, number> = {};
  let page = 0;
  const newPage = () => {
    doc.addPage();
    page += 1;
  };
  newPage();
  doc
    .fontSize(22)
    .text('MASTERPLAN SMART CITY', { align: 'center' })
    .moveDown()
    .fontSize(16)
    .text(subject.name.toUpperCase(), { align: 'center' });
  newPage();
  doc.fontSize(14).text('DAFTAR ISI').fontSize(10);
  for (const chapter of chapters) {
    doc.text(`${chapter.label} ${chapter.title} .................................... 3`);
    for (const section of chapter.sections) doc.text(`${section.label} ${section.title} ................................ 4`);
  }
  let quickWinPage = 0;
  for (const chapter of chapters) {
    newPage();
    outline[chapter.label] = page;
    doc.fontSize(16).text(chapter.label).text(chapter.title).moveDown(0.5);
    for (const section of chapter.sections) {
      if (doc.y > 650) newPage();
      outline[section.label] = page;
      doc.fontSize(13).text(`${section.label} ${section.title}`).moveDown(0.3).fontSize(10);
      for (const paragraph of section.paragraphs) {
        doc.text(paragraph, { align: 'justify' }).moveDown(0.5);
        if (doc.y > 700) newPage();
      }
      if (chapter.label === 'BAB IV') {
        quickWinPage = page;
        const columns = [56, 84, 250, 350, 500];
        let y = doc.y + 8;
        const header = ['No', 'Nama Quick Win', 'Dimensi', 'OPD Penanggung Jawab', 'Tahun'];
        header.forEach((text, index) => doc.text(text, columns[index], y, { lineBreak: false }));
        QUICK_WINS.forEach((item, row) => {
          y += 18;
          [String(row + 1), item.name, item.dimension, item.agency, item.year].forEach((text, index) =>
            doc.text(text, columns[index], y, { lineBreak: false }),
          );
        });
        doc.x = 56;
        doc.y = y + 24;
      }
    }
  }
  for (let index = 0; index < (options.extraPages ?? 0); index += 1) {
    newPage();
    doc
      .fontSize(10)
      .text(repeat('Lampiran tambahan tentang program smart city, ekonomi dan pelayanan publik daerah.', 20), { align: 'justify' });
  }
  const scannedPages: number[] = [];
  for (let index = 0; index < (options.scannedPages ?? 3); index += 1) {
    newPage();
    scannedPages.push(page);
    // A photographed page: only shapes, no text layer.
    doc.rect(60, 80, 470, 600).fillAndStroke('#dddddd', '#999999');
    doc.circle(300, 380, 120).fill('#bbbbbb');
  }
  return { data: await bufferOf(doc), truth: { outline, scannedPages, quickWinPage, pageCount: page } };
}

/** The same masterplan as a DOCX, headings as headings and the quick wins as a real table. */
export async function masterplanDocx(options: Pick<MasterplanOptions, 'subject' | 'chapters'> = {}): Promise<Buffer> {
  const subject = options.subject ?? BANGGAI;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `MASTERPLAN SMART CITY ${subject.name.toUpperCase()}`, alignment: AlignmentType.CENTER }),
  ];
  for (const chapter of chaptersOf(subject).slice(0, options.chapters)) {
    children.push(new Paragraph({ text: `${chapter.label} ${chapter.title}`, heading: HeadingLevel.HEADING_1 }));
    for (const section of chapter.sections) {
      children.push(new Paragraph({ text: `${section.label} ${section.title}`, heading: HeadingLevel.HEADING_2 }));
      for (const paragraph of section.paragraphs) children.push(new Paragraph({ children: [new TextRun(paragraph)] }));
      if (chapter.label === 'BAB IV') {
        const row = (cells: string[]) =>
          new TableRow({
            children: cells.map(
              (text) => new TableCell({ children: [new Paragraph(text)], width: { size: 20, type: WidthType.PERCENTAGE } }),
            ),
          });
        children.push(
          new Table({
            rows: [
              row(['No', 'Nama Quick Win', 'Dimensi', 'OPD Penanggung Jawab', 'Tahun']),
              ...QUICK_WINS.map((item, index) => row([String(index + 1), item.name, item.dimension, item.agency, item.year])),
            ],
          }),
        );
      }
    }
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** An annex workbook with a programme table. */
export async function annexXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Program');
  sheet.addRow(['No', 'Program Smart City', 'Dimensi', 'Perangkat Daerah', 'Jangka Waktu', 'Tahun']);
  sheet.addRow([1, 'Dashboard satu data', 'Smart Governance', 'Diskominfo', 'Jangka pendek', 2024]);
  sheet.addRow([2, 'Festival wisata pantai', 'Smart Branding', 'Dinas Pariwisata', 'Jangka menengah', 2025]);
  sheet.addRow([3, 'PJU tenaga surya', 'Smart Environment', 'Dinas PU', 'Quick win', 2023]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

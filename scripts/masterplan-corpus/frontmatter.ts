import type { Block } from './model.ts';
import type { Rng } from './prng.ts';
import type { Prose } from './prose.ts';
import type { Region } from './regions.ts';
import { signaturePng } from './signature.ts';
import type { DocSpec } from './specs.ts';
import { FIRST_NAMES, LAST_NAMES, REGULATIONS, TITLES_AFTER, TITLES_BEFORE } from './vocabulary.ts';

/** Cover, the regent's foreword, the preface and the decree forming the Dewan Smart City. */

export interface People {
  head: string;
  headName: string;
  secretaryName: string;
  bappedaName: string;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

export function person(rng: Rng): string {
  return `${rng.pick(TITLES_BEFORE)}${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}${rng.pick(TITLES_AFTER)}`;
}

export function people(rng: Rng, area: Region): People {
  return {
    head: area.kind === 'Kota' ? 'Wali Kota' : 'Bupati',
    headName: person(rng),
    secretaryName: person(rng),
    bappedaName: person(rng),
  };
}

export function documentDate(spec: DocSpec, rng: Rng): { day: number; month: number; year: number; text: string } {
  const month = rng.int(2, 10);
  const day = rng.int(2, 27);
  return { day, month, year: spec.planStart - 1, text: `${day} ${MONTHS[month - 1]} ${spec.planStart - 1}` };
}

const para = (text: string, extra: Partial<Extract<Block, { kind: 'para' }>> = {}): Block => ({ kind: 'para', text, ...extra });

export function cover(area: Region, spec: DocSpec): Block[] {
  const end = spec.planStart + 4;
  return [
    { kind: 'spacer', points: 110 },
    para('MASTERPLAN', { align: 'center', bold: true, size: 28, spaceAfter: 0 }),
    para('SMART CITY', { align: 'center', bold: true, size: 28, spaceAfter: 240 }),
    para(area.name.toUpperCase(), { align: 'center', bold: true, size: 20, spaceAfter: 120 }),
    para(`TAHUN ${spec.planStart}–${end}`, { align: 'center', bold: true, size: 16, spaceAfter: 0 }),
    { kind: 'spacer', points: 260 },
    para(`PEMERINTAH ${area.name.toUpperCase()}`, { align: 'center', bold: true, size: 14, spaceAfter: 0 }),
    para(`PROVINSI ${area.province.toUpperCase()}`, { align: 'center', bold: true, size: 14, spaceAfter: 0 }),
    para(String(spec.planStart - 1), { align: 'center', bold: true, size: 14, spaceAfter: 0 }),
  ];
}

function signatureBlock(rng: Rng, lines: string[], name: string, signed: boolean): Block[] {
  const indent = 4800;
  return [
    ...lines.map((text) => para(text, { align: 'left', indent, spaceAfter: 0, line: 1 })),
    signed
      ? { kind: 'image', png: signaturePng(rng), width: 180, height: 75, align: 'left', indent: indent - 700 }
      : { kind: 'spacer', points: 50 },
    para(name, { align: 'left', indent, bold: true, spaceAfter: 0, line: 1 }),
  ];
}

/** The regent's foreword: one page, signed. Its first line is the probe that finds its page. */
export function foreword(rng: Rng, prose: Prose, area: Region, who: People, seat: string, date: string): Block[] {
  const paragraphs = [
    prose.paragraph(['foreword'], 2, 2),
    prose.paragraph(['background', 'foreword'], 3, 4),
    prose.paragraph(['background'], 2, 3),
    prose.paragraph(['foreword'], 2, 2),
  ];
  return [
    { kind: 'heading', level: 1, lines: [`KATA SAMBUTAN ${who.head.toUpperCase()} ${area.short.toUpperCase()}`], pageBreakBefore: true },
    ...paragraphs.map((text) => para(text, { firstLine: true })),
    { kind: 'spacer', points: 12 },
    ...signatureBlock(rng, [`${seat}, ${date}`, `${who.head.toUpperCase()} ${area.short.toUpperCase()},`], who.headName, true),
  ];
}

export function preface(rng: Rng, prose: Prose, area: Region, who: People, seat: string, date: string): Block[] {
  return [
    { kind: 'heading', level: 1, lines: ['KATA PENGANTAR'], pageBreakBefore: true },
    para(prose.paragraph(['preface'], 3, 4), { firstLine: true }),
    para(prose.paragraph(['preface', 'purpose'], 2, 3), { firstLine: true }),
    { kind: 'spacer', points: 12 },
    ...signatureBlock(
      rng,
      [`${seat}, ${date}`, `KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH`, `${area.name.toUpperCase()},`],
      who.bappedaName,
      false,
    ),
  ];
}

/** The decree forming the Dewan Smart City, on a page of its own, signed and stamped. */
export function decree(rng: Rng, area: Region, who: People, seat: string, date: string): { blocks: Block[]; number: string } {
  const headUpper = `${who.head.toUpperCase()} ${area.short.toUpperCase()}`;
  const number = `${rng.pick(['100.3.3.2', '050', '188.45', '800'])}/${rng.int(100, 899)}/${rng.pick(['KPTS', 'KEP', 'HK'])}/${date.slice(-4)}`;
  const label = (name: string, text: string, hanging = 2600): Block =>
    para(`${name}\t:\t${text}`, { tabs: [2300, 2600], hanging, indent: hanging, spaceAfter: 40, line: 1, size: 10.5 });
  const regs = rng.sample(REGULATIONS.slice(2, 8), 3);
  return {
    number,
    blocks: [
      { kind: 'pageBreak' },
      para(`KEPUTUSAN ${headUpper}`, { align: 'center', bold: true, spaceAfter: 0, line: 1 }),
      para(`NOMOR ${number}`, { align: 'center', bold: true, spaceAfter: 120, line: 1 }),
      para('TENTANG', { align: 'center', bold: true, spaceAfter: 0, line: 1 }),
      para(`PEMBENTUKAN DEWAN SMART CITY DAN TIM PELAKSANA SMART CITY ${area.name.toUpperCase()}`, {
        align: 'center',
        bold: true,
        spaceAfter: 120,
        line: 1,
      }),
      para('DENGAN RAHMAT TUHAN YANG MAHA ESA', { align: 'center', bold: true, spaceAfter: 0, line: 1 }),
      para(`${headUpper},`, { align: 'center', bold: true, spaceAfter: 120, line: 1 }),
      label(
        'Menimbang',
        `a.\tbahwa dalam rangka mempercepat pembangunan kota cerdas di ${area.name} perlu dibentuk Dewan Smart City dan Tim Pelaksana Smart City;`,
      ),
      label(
        '',
        `b.\tbahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan ${who.head} tentang Pembentukan Dewan Smart City dan Tim Pelaksana Smart City ${area.name};`,
      ),
      ...regs.map((reg, i) => label(i === 0 ? 'Mengingat' : '', `${i + 1}.\t${reg};`)),
      para('MEMUTUSKAN:', { align: 'center', bold: true, spaceBefore: 80, spaceAfter: 80, line: 1 }),
      label(
        'Menetapkan',
        `KEPUTUSAN ${who.head.toUpperCase()} TENTANG PEMBENTUKAN DEWAN SMART CITY DAN TIM PELAKSANA SMART CITY ${area.name.toUpperCase()}.`,
      ),
      label(
        'KESATU',
        `Membentuk Dewan Smart City dan Tim Pelaksana Smart City ${area.name} dengan susunan keanggotaan sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.`,
      ),
      label(
        'KEDUA',
        'Dewan Smart City bertugas menetapkan arah kebijakan, menyetujui program prioritas dan mengevaluasi pelaksanaan Masterplan Smart City.',
      ),
      label(
        'KETIGA',
        `Tim Pelaksana Smart City diketuai oleh Sekretaris Daerah dan bertugas melaksanakan serta melaporkan program kepada Dewan Smart City.`,
      ),
      label(
        'KEEMPAT',
        'Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Anggaran Pendapatan dan Belanja Daerah.',
      ),
      label('KELIMA', 'Keputusan ini mulai berlaku pada tanggal ditetapkan.'),
      { kind: 'spacer', points: 8 },
      ...signatureBlock(rng, [`Ditetapkan di ${seat}`, `pada tanggal ${date}`, `${headUpper},`], who.headName, true),
      { kind: 'pageBreak' },
    ],
  };
}

// Authoring aid for the shipped rubric templates in resources/rubrics/. The JSON files are
// what the app loads and what users clone; this script is how they were written, so that
// the 56 per-dimension criteria share one wording. Edit here and run:
//   node scripts/rubric-templates.ts
// (or edit the JSON files directly; `timbang rubric validate` checks either way).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Criterion, Group, Level, Rubric, Scale } from '../shared/rubric/schema.ts';
import { RUBRIC_FILE_FORMAT } from '../shared/rubric/schema.ts';
import { validateRubric } from '../shared/rubric/validate.ts';

const out = (name: string) => fileURLToPath(new URL(`../resources/rubrics/${name}.json`, import.meta.url));

const levels = (entries: [number, string, string][]): Level[] =>
  entries.map(([value, label, descriptor]) => ({ value, label, descriptor }));

/** 0–4, where 0 means absent: 70% is an average of 2,8. */
const zeroToFour = (descriptors: [string, string, string, string, string]): Scale => ({
  kind: 'levels',
  mapping: 'range',
  levels: levels([
    [0, 'Tidak ada', descriptors[0]],
    [1, 'Minim', descriptors[1]],
    [2, 'Sebagian', descriptors[2]],
    [3, 'Memadai', descriptors[3]],
    [4, 'Sangat baik', descriptors[4]],
  ]),
});

function criterion(
  code: string,
  id: string,
  en: string,
  weight: number,
  scale: Scale,
  extra: Partial<Pick<Criterion, 'guidance' | 'stages' | 'allowNotApplicable'>> = {},
): Criterion {
  return { type: 'criterion', code, title: { id, en }, weight, scale, allowNotApplicable: false, ...extra };
}

function group(code: string, id: string, en: string, weight: number, children: Group['children'], extra: Partial<Group> = {}): Group {
  return { type: 'group', code, title: { id, en }, weight, weighting: 'percent', children, ...extra };
}

// (a) Masterplan review ------------------------------------------------------------------

interface Dimension {
  code: string;
  id: string;
  en: string;
  weight: number;
  subs: [string, string, string];
  example: string;
}

const DIMENSIONS: Dimension[] = [
  {
    code: 'GOV',
    id: 'Smart Governance',
    en: 'Smart Governance',
    weight: 12,
    subs: ['pelayanan publik', 'manajemen birokrasi', 'kebijakan publik'],
    example: 'mal pelayanan publik digital atau tanda tangan elektronik',
  },
  {
    code: 'BRA',
    id: 'Smart Branding',
    en: 'Smart Branding',
    weight: 10,
    subs: ['branding pariwisata', 'branding bisnis', 'wajah kota'],
    example: 'platform promosi destinasi atau penataan ikon kota',
  },
  {
    code: 'ECO',
    id: 'Smart Economy',
    en: 'Smart Economy',
    weight: 12,
    subs: ['ekosistem industri', 'kesejahteraan', 'ekosistem transaksi keuangan'],
    example: 'galeri UMKM daring atau pembayaran nontunai retribusi',
  },
  {
    code: 'LIV',
    id: 'Smart Living',
    en: 'Smart Living',
    weight: 12,
    subs: ['harmonisasi dan tata ruang', 'kesehatan', 'transportasi'],
    example: 'layanan ambulans gratis atau sistem informasi perumahan',
  },
  {
    code: 'SOC',
    id: 'Smart Society',
    en: 'Smart Society',
    weight: 12,
    subs: ['komunitas', 'ekosistem belajar', 'keamanan'],
    example: 'aplikasi kegiatan kerukunan atau perpustakaan digital sekolah',
  },
  {
    code: 'ENV',
    id: 'Smart Environment',
    en: 'Smart Environment',
    weight: 12,
    subs: ['proteksi lingkungan', 'tata kelola sampah dan limbah', 'tata kelola energi'],
    example: 'bank sampah digital atau pemantauan kualitas udara',
  },
];

function dimensionCriteria(d: Dimension): Criterion[] {
  const subs = d.subs.join(', ');
  const c = (n: number) => `${d.code}.${n}`;
  return [
    criterion(
      c(1),
      `Analisis kondisi dan SWOT ${d.id}`,
      `${d.en} situation analysis and SWOT`,
      15,
      zeroToFour([
        `Tidak ada analisis kondisi maupun SWOT untuk ${d.id}.`,
        `Ada uraian umum ${d.id} tanpa data; SWOT berupa daftar kata tanpa penjelasan.`,
        `Analisis memakai data untuk sebagian subdimensi (${subs}); SWOT ada tetapi belum terhubung dengan data.`,
        `Analisis berbasis data untuk ketiga subdimensi (${subs}); SWOT lengkap dan setiap butir dijelaskan.`,
        `Seperti tingkat 3, dan isu strategis diturunkan dari SWOT dengan jelas serta menjadi dasar program.`,
      ]),
      {
        guidance: `Bab analisis strategis: analisis kesenjangan dan SWOT dimensi ${d.id}. Periksa apakah ada data (angka, sumber, tahun).`,
        stages: [1, 2, 3, 4],
      },
    ),
    criterion(
      c(2),
      `Target dan indikator terukur ${d.id}`,
      `${d.en} measurable targets and indicators`,
      15,
      zeroToFour([
        `Tidak ada target untuk ${d.id}.`,
        'Target berupa pernyataan umum tanpa indikator.',
        'Sebagian target memiliki indikator, tetapi tanpa angka dasar (baseline) atau tahun capaian.',
        'Setiap target memiliki indikator dengan angka dasar, nilai target, dan tahun capaian.',
        'Seperti tingkat 3, dan indikator selaras dengan indikator RPJMD serta dapat dipantau dari data yang sudah tersedia.',
      ]),
      { guidance: `Bab visi, misi, dan sasaran: tabel target dan indikator dimensi ${d.id}.`, stages: [1, 2, 3, 4] },
    ),
    criterion(
      c(3),
      `Cakupan program atas tiga subdimensi ${d.id}`,
      `${d.en} programme coverage of its three sub-dimensions`,
      15,
      zeroToFour([
        `Belum ada program untuk ${d.id}.`,
        `Program hanya menyentuh satu dari tiga subdimensi (${subs}) atau hanya berupa judul.`,
        'Program menyentuh dua subdimensi, atau ketiganya tetapi sebagian hanya berupa judul tanpa uraian.',
        `Ketiga subdimensi (${subs}) memiliki program yang diuraikan: tujuan, sasaran, dan kegiatan.`,
        'Seperti tingkat 3, dan setiap kesenjangan dari analisis SWOT dijawab oleh setidaknya satu program.',
      ]),
      { guidance: `Bab strategi dan program: daftar program per subdimensi (${subs}).`, stages: [2, 3, 4] },
    ),
    criterion(
      c(4),
      `Kualitas inovasi ${d.id}`,
      `${d.en} innovation quality`,
      15,
      zeroToFour([
        'Tidak ada inovasi yang disebutkan.',
        'Inovasi hanya berupa nama aplikasi tanpa uraian masalah yang dipecahkan.',
        'Sebagian program memiliki inovasi yang diuraikan; sebagian besar meniru layanan yang sudah berjalan.',
        `Setiap program memiliki inovasi (kebijakan, proses, atau teknologi) dengan masalah, sasaran pengguna, dan cara kerja yang jelas, mis. ${d.example}.`,
        'Seperti tingkat 3, dan inovasi benar-benar baru bagi daerah, dengan manfaat yang dapat diukur bagi warga.',
      ]),
      { guidance: 'Bab strategi dan program: kolom inovasi. Inovasi kebijakan juga dihitung, bukan hanya aplikasi.', stages: [3, 4] },
    ),
    criterion(
      c(5),
      `Keselarasan ${d.id} dengan RPJMD dan Renstra`,
      `${d.en} alignment with the RPJMD and agency plans`,
      15,
      zeroToFour([
        'Tidak ada kaitan program dengan RPJMD maupun Renstra OPD.',
        'Kaitan disebutkan secara umum tanpa menyebut program RPJMD.',
        'Sebagian program dipetakan ke program RPJMD atau Renstra.',
        'Setiap program dipetakan ke program RPJMD dan Renstra OPD yang jelas (nama dan kode program).',
        'Seperti tingkat 3, dan sasaran smart city mendukung indikator kinerja utama daerah secara eksplisit.',
      ]),
      { guidance: 'Tabel pemetaan program smart city ke program RPJMD dan Renstra OPD.', stages: [2, 3, 4] },
    ),
    criterion(
      c(6),
      `Kejelasan OPD penanggung jawab dan anggaran ${d.id}`,
      `${d.en} responsible agencies and budget`,
      10,
      zeroToFour([
        'OPD penanggung jawab dan anggaran tidak disebutkan.',
        'OPD disebutkan untuk sebagian program; anggaran tidak ada.',
        'OPD disebutkan untuk semua program; anggaran hanya untuk sebagian.',
        'Setiap program memiliki OPD penanggung jawab, perkiraan anggaran, dan sumber dana.',
        'Seperti tingkat 3, dan pembagian peran antar-OPD serta kemitraan (swasta, akademisi, komunitas) dijelaskan.',
      ]),
      { guidance: 'Tabel program: kolom OPD penanggung jawab, pagu indikatif, dan sumber dana.', stages: [2, 3, 4] },
    ),
    criterion(
      c(7),
      `Kelayakan quick win ${d.id}`,
      `${d.en} quick-win feasibility`,
      15,
      zeroToFour([
        `Tidak ada quick win untuk ${d.id}.`,
        'Quick win disebutkan tanpa jadwal maupun penanggung jawab.',
        'Quick win memiliki jadwal atau penanggung jawab, tetapi kelayakannya (anggaran, kesiapan) belum diuraikan.',
        'Quick win dapat dilaksanakan dalam 1–2 tahun: jadwal, OPD, anggaran, dan prasyarat jelas.',
        'Seperti tingkat 3, dan sudah ada langkah awal pelaksanaan (regulasi, anggaran tahun berjalan, atau uji coba).',
      ]),
      { guidance: 'Buku atau bab quick win: apakah quick win benar-benar dapat dijalankan, bukan disimpan di lemari.', stages: [4] },
    ),
  ];
}

const readiness = group('RDY', 'Kesiapan, visi, dan pendukung', 'Readiness, vision and enablers', 15, [
  criterion(
    'RDY.1',
    'Kesiapan struktur: SDM, anggaran, tata kelola',
    'Structure readiness: people, budget, governance',
    20,
    zeroToFour([
      'Tidak ada analisis kesiapan struktur.',
      'Kesiapan struktur disebut tanpa data.',
      'Data SDM atau anggaran ada, tetapi belum dianalisis terhadap kebutuhan smart city.',
      'SDM, anggaran, dan kapasitas tata kelola dianalisis dengan data serta kesenjangannya jelas.',
      'Seperti tingkat 3, dan rencana menutup kesenjangan masuk ke program.',
    ]),
    { guidance: 'Bab analisis kesiapan daerah: struktur.', stages: [1, 2, 3, 4] },
  ),
  criterion(
    'RDY.2',
    'Kesiapan infrastruktur: fisik, TIK, sosial',
    'Infrastructure readiness: physical, ICT, social',
    20,
    zeroToFour([
      'Tidak ada analisis kesiapan infrastruktur.',
      'Infrastruktur disebut tanpa data.',
      'Data infrastruktur TIK ada (jaringan, pusat data, aplikasi), tetapi infrastruktur fisik atau sosial belum.',
      'Infrastruktur fisik, TIK, dan sosial dianalisis dengan data dan peta cakupan.',
      'Seperti tingkat 3, dan kebutuhan infrastruktur tiap program dihitung.',
    ]),
    { guidance: 'Bab analisis kesiapan daerah: infrastruktur.', stages: [1, 2, 3, 4] },
  ),
  criterion(
    'RDY.3',
    'Kesiapan suprastruktur: regulasi, kelembagaan, SOP',
    'Suprastructure readiness: regulations, institutions, procedures',
    20,
    zeroToFour([
      'Tidak ada analisis suprastruktur.',
      'Regulasi disebut tanpa daftar.',
      'Daftar regulasi ada, tetapi kesenjangan regulasi belum diidentifikasi.',
      'Regulasi, kelembagaan, dan SOP yang ada dan yang dibutuhkan diidentifikasi.',
      'Seperti tingkat 3, dan ada rencana penyusunan Perda/Perbup dengan jadwal.',
    ]),
    { guidance: 'Bab analisis kesiapan daerah: suprastruktur; bab pendukung: regulasi.', stages: [1, 2, 3, 4] },
  ),
  criterion(
    'RDY.4',
    'Kelembagaan smart city: Dewan, Tim Pelaksana, Forum',
    'Smart city institutions: council, team, forum',
    15,
    zeroToFour([
      'Dewan Smart City dan Tim Pelaksana belum dibentuk.',
      'Sudah dibentuk, tetapi tanpa SK atau uraian tugas.',
      'SK ada; tugas dan mekanisme kerja belum jelas.',
      'SK, tugas, dan mekanisme kerja Dewan serta Tim Pelaksana jelas; pokja per dimensi terbentuk.',
      'Seperti tingkat 3, dan forum warga atau pentahelix terlibat secara rutin.',
    ]),
    { guidance: 'Lampiran SK Dewan Smart City dan Tim Pelaksana; bab kelembagaan.', stages: [1, 2, 3, 4] },
  ),
  criterion(
    'RDY.5',
    'Rencana literasi digital dan pengembangan SDM',
    'Digital literacy and capacity plan',
    10,
    zeroToFour([
      'Tidak ada rencana literasi digital.',
      'Literasi digital disebut sebagai niat.',
      'Ada kegiatan literasi digital tanpa sasaran atau jadwal.',
      'Rencana literasi digital memiliki sasaran (aparatur dan warga), jadwal, dan penanggung jawab.',
      'Seperti tingkat 3, dan dikaitkan dengan kebutuhan pengguna setiap quick win.',
    ]),
    { guidance: 'Bab pendukung: literasi digital dan pengembangan SDM.', stages: [2, 3, 4] },
  ),
  criterion(
    'RDY.6',
    'Visi dan misi smart city',
    'Smart city vision and mission',
    15,
    zeroToFour([
      'Tidak ada visi smart city.',
      'Visi ada tetapi tidak terkait dengan visi daerah.',
      'Visi dan misi ada dan terkait dengan visi RPJMD, tetapi belum diturunkan ke dimensi.',
      'Visi dan misi smart city selaras dengan RPJMD dan diturunkan ke enam dimensi.',
      'Seperti tingkat 3, dan disusun bersama pemangku kepentingan dengan bukti konsultasi.',
    ]),
    { guidance: 'Bab visi, misi, dan sasaran smart city.', stages: [1, 2, 3, 4] },
  ),
]);

const roadmap = group('MAP', 'Peta jalan dan monitoring', 'Road map and monitoring', 15, [
  criterion(
    'MAP.1',
    'Peta jalan lima tahun',
    'Five-year road map',
    25,
    zeroToFour([
      'Tidak ada peta jalan.',
      'Peta jalan berupa daftar program tanpa tahun.',
      'Program diberi tahun pelaksanaan, tetapi urutan dan ketergantungannya tidak jelas.',
      'Peta jalan tahunan memuat urutan program, ketergantungan, dan tonggak capaian.',
      'Seperti tingkat 3, dan disinkronkan dengan siklus anggaran daerah.',
    ]),
    { guidance: 'Bab peta jalan.', stages: [4] },
  ),
  criterion(
    'MAP.2',
    'Rencana aksi dan tahapan implementasi',
    'Action plan and implementation steps',
    25,
    zeroToFour([
      'Tidak ada rencana aksi.',
      'Rencana aksi berupa judul kegiatan.',
      'Rencana aksi memiliki kegiatan dan jadwal untuk sebagian program.',
      'Rencana aksi memuat kegiatan, jadwal, OPD, dan keluaran untuk setiap program prioritas.',
      'Seperti tingkat 3, dan rencana aksi tahun pertama sudah masuk rencana kerja OPD.',
    ]),
    { guidance: 'Bab rencana aksi dan tahapan implementasi.', stages: [4] },
  ),
  criterion(
    'MAP.3',
    'Manajemen risiko',
    'Risk management',
    15,
    zeroToFour([
      'Risiko tidak dibahas.',
      'Risiko disebut secara umum.',
      'Risiko utama diidentifikasi tanpa mitigasi.',
      'Risiko diidentifikasi, dinilai (dampak dan kemungkinan), dan diberi mitigasi.',
      'Seperti tingkat 3, dan ada penanggung jawab serta pemantauan risiko.',
    ]),
    { guidance: 'Bab manajemen risiko.', stages: [4] },
  ),
  criterion(
    'MAP.4',
    'Monitoring dan evaluasi',
    'Monitoring and evaluation',
    25,
    zeroToFour([
      'Tidak ada rencana monitoring dan evaluasi.',
      'Monev disebut tanpa mekanisme.',
      'Ada mekanisme monev, tetapi tanpa indikator atau jadwal.',
      'Monev memiliki indikator, jadwal, penanggung jawab, dan format laporan.',
      'Seperti tingkat 3, dan hasil monev dipakai untuk merevisi rencana (siklus umpan balik).',
    ]),
    { guidance: 'Bab monitoring dan evaluasi.', stages: [3, 4] },
  ),
  criterion(
    'MAP.5',
    'Skema pembiayaan dan kemitraan',
    'Financing and partnership scheme',
    10,
    zeroToFour([
      'Pembiayaan tidak dibahas.',
      'Pembiayaan hanya dari APBD, tanpa rincian.',
      'Sumber dana selain APBD disebut tanpa rencana.',
      'Skema pembiayaan (APBD, APBN, CSR, KPBU) dirinci per program prioritas.',
      'Seperti tingkat 3, dan ada komitmen mitra yang sudah dijajaki.',
    ]),
    { guidance: 'Bab pembiayaan dan kemitraan.', stages: [4] },
  ),
]);

const masterplanReview: Rubric = {
  id: 'masterplan-review',
  version: 1,
  name: { id: 'Penilaian Masterplan Smart City (per tahap Bimtek)', en: 'Smart City masterplan review (per Bimtek stage)' },
  description:
    'Enam dimensi smart city, kesiapan dan pendukung, serta peta jalan dan monitoring. Skala 0–4 (0 = tidak ada); persentase = skor / 4. ' +
    'Kriteria yang baru dinilai pada tahap Bimtek berikutnya dihitung "belum waktunya" dan tidak masuk perhitungan. ' +
    'Batas lulus mengikuti pengaturan ruang kerja (70% pada Bimtek 4). Predikat adalah bawaan yang dapat diubah, bukan ketentuan resmi.',
  weighting: 'percent',
  bands: [
    { label: { id: 'Sangat baik', en: 'Very good' }, min: 85 },
    { label: { id: 'Baik', en: 'Good' }, min: 70 },
    { label: { id: 'Cukup', en: 'Fair' }, min: 55 },
    { label: { id: 'Kurang', en: 'Poor' }, min: 0 },
  ],
  items: [...DIMENSIONS.map((d) => group(d.code, d.id, d.en, d.weight, dimensionCriteria(d))), readiness, roadmap],
};

// (b), (c) Kominfo implementation evaluation ---------------------------------------------

const oneToFive = (descriptors: [string, string, string, string, string]): Scale => ({
  kind: 'number',
  mapping: 'ratio',
  min: 1,
  max: 5,
  step: 0.01,
  anchors: levels([
    [1, 'Sangat kurang', descriptors[0]],
    [2, 'Kurang', descriptors[1]],
    [3, 'Cukup', descriptors[2]],
    [4, 'Baik', descriptors[3]],
    [5, 'Sangat baik', descriptors[4]],
  ]),
});

function kominfo(id: string, version: 1, name: Rubric['name'], weights: [number, number, number, number, number], note: string): Rubric {
  const [baseline, output, outcome, impact, quickWin] = weights;
  return {
    id,
    version,
    name,
    description:
      `Lima dimensi evaluasi, masing-masing dinilai 1–5 (boleh desimal, rata-rata indikator). Indeks = Σ bobot × nilai; persentase = indeks / 5. ${note} ` +
      'Predikat mengikuti pola evaluasi SPBE (Memuaskan ≥ 4,2; Sangat Baik ≥ 3,5; Baik ≥ 2,6; Cukup ≥ 1,8) sebagai bawaan yang dapat diubah, bukan ketentuan resmi.',
    weighting: 'percent',
    points: 5,
    bands: [
      { label: { id: 'Memuaskan', en: 'Excellent' }, min: 84 },
      { label: { id: 'Sangat Baik', en: 'Very good' }, min: 70 },
      { label: { id: 'Baik', en: 'Good' }, min: 52 },
      { label: { id: 'Cukup', en: 'Fair' }, min: 36 },
      { label: { id: 'Kurang', en: 'Poor' }, min: 0 },
    ],
    items: [
      criterion(
        'B',
        'Baseline',
        'Baseline',
        baseline,
        oneToFive([
          'Data dasar kondisi daerah per dimensi tidak tersedia.',
          'Data dasar tersedia untuk sebagian kecil dimensi, tidak mutakhir.',
          'Data dasar tersedia untuk sebagian besar dimensi.',
          'Data dasar lengkap dan mutakhir untuk enam dimensi.',
          'Data dasar lengkap, mutakhir, dan dipakai untuk menetapkan target.',
        ]),
        { guidance: 'Kondisi awal daerah per dimensi: data, sumber, tahun.' },
      ),
      criterion(
        'O',
        'Output',
        'Output',
        output,
        oneToFive([
          'Kebijakan, kelembagaan, dan anggaran smart city belum ada.',
          'Sebagian kecil kebijakan atau kelembagaan ada; anggaran belum dialokasikan.',
          'Kebijakan dan kelembagaan utama ada; anggaran sebagian.',
          'Kebijakan, kelembagaan, dan anggaran tersedia untuk sebagian besar program.',
          'Kebijakan, kelembagaan, dan anggaran tersedia untuk seluruh program prioritas.',
        ]),
        { guidance: 'Perda/Perbup, SK Dewan dan Tim Pelaksana, alokasi anggaran.' },
      ),
      criterion(
        'OC',
        'Outcome',
        'Outcome',
        outcome,
        oneToFive([
          'Rencana belum dijalankan.',
          'Sebagian kecil program berjalan.',
          'Sekitar separuh program berjalan sesuai rencana.',
          'Sebagian besar program berjalan sesuai rencana.',
          'Seluruh program prioritas berjalan sesuai rencana.',
        ]),
        { guidance: 'Realisasi program dan quick win terhadap rencana aksi.' },
      ),
      criterion(
        'I',
        'Impact',
        'Impact',
        impact,
        oneToFive([
          'Belum ada manfaat yang dirasakan warga.',
          'Manfaat dirasakan terbatas, tanpa data.',
          'Manfaat dirasakan pada sebagian layanan, dengan data awal.',
          'Manfaat dirasakan luas dan terukur.',
          'Manfaat luas, terukur, dan berkelanjutan.',
        ]),
        { guidance: 'Survei kepuasan, data pemanfaatan layanan, testimoni warga.' },
      ),
      criterion(
        'QW',
        'Quick Win',
        'Quick Win',
        quickWin,
        oneToFive([
          'Tidak ada quick win yang dijalankan.',
          'Quick win dijalankan sebagian kecil, tanpa inovasi.',
          'Sebagian quick win berjalan.',
          'Sebagian besar quick win berjalan dengan inovasi yang jelas.',
          'Seluruh quick win berjalan dan inovasinya direplikasi atau dikembangkan.',
        ]),
        { guidance: 'Quick win tahun 1–2 dan inovasinya.' },
      ),
    ],
  };
}

const kominfo2021 = kominfo(
  'kominfo-evaluation-2021',
  1,
  { id: 'Evaluasi Implementasi Smart City Kominfo (bobot 2021)', en: 'Kominfo smart city implementation evaluation (2021 weights)' },
  [10, 20, 30, 20, 20],
  'Bobot 2021: Baseline 10%, Output 20%, Outcome 30%, Impact 20%, Quick Win 20%. Cek terbitan: Kota Jambi 2024 → 3,475 (diumumkan 3,48).',
);

const kominfoLegacy = kominfo(
  'kominfo-evaluation-legacy',
  1,
  { id: 'Evaluasi Implementasi Smart City Kominfo (bobot lama)', en: 'Kominfo smart city implementation evaluation (older weights)' },
  [10, 20, 30, 30, 10],
  'Bobot lama: Baseline 10%, Output 20%, Outcome 30%, Impact 30%, Quick Win 10%.',
);

// (d) Plan quality, 8 components ----------------------------------------------------------

const zeroOneTwo = (absent: string, vague: string, specific: string): Scale => ({
  kind: 'levels',
  mapping: 'ratio',
  levels: levels([
    [0, 'Tidak ada', absent],
    [1, 'Samar', vague],
    [2, 'Spesifik', specific],
  ]),
});

type Indicator = [code: string, id: string, en: string, absent: string, vague: string, specific: string];

function component(code: string, id: string, en: string, indicators: Indicator[]): Group {
  return group(
    code,
    id,
    en,
    12.5,
    indicators.map(([c, title, titleEn, absent, vague, specific]) => criterion(c, title, titleEn, 1, zeroOneTwo(absent, vague, specific))),
    { weighting: 'relative', points: 10 },
  );
}

const planQuality: Rubric = {
  id: 'plan-quality-8',
  version: 1,
  name: { id: 'Kualitas Rencana (8 komponen)', en: 'Plan quality (8 components)' },
  description:
    'Delapan komponen kualitas rencana dari literatur evaluasi rencana (dipakai studi ITB atas 22 rencana smart city, rata-rata 42,64 dari 80). ' +
    'Setiap indikator 0 (tidak ada), 1 (samar), 2 (spesifik); setiap komponen diskalakan 0–10; total 0–80.',
  weighting: 'percent',
  points: 80,
  items: [
    component('FB', 'Dasar faktual', 'Factual basis', [
      [
        'FB.1',
        'Data kependudukan dan ekonomi',
        'Population and economic data',
        'Tidak ada data.',
        'Data disebut tanpa angka atau sumber.',
        'Data berangka, bersumber, dan bertahun (mis. PDRB, jumlah penduduk).',
      ],
      [
        'FB.2',
        'Kondisi TIK dan infrastruktur digital',
        'ICT and digital infrastructure',
        'Tidak dibahas.',
        'Dibahas umum tanpa data.',
        'Cakupan jaringan, pusat data, dan aplikasi diuraikan dengan data.',
      ],
      [
        'FB.3',
        'Analisis kesiapan dan SWOT berbasis data',
        'Data-based readiness and SWOT',
        'Tidak ada.',
        'SWOT tanpa dasar data.',
        'SWOT per dimensi diturunkan dari data yang dicantumkan.',
      ],
      [
        'FB.4',
        'Peta dan analisis spasial',
        'Maps and spatial analysis',
        'Tidak ada peta.',
        'Peta ada tanpa analisis.',
        'Peta dipakai untuk menjelaskan sebaran masalah dan lokasi program.',
      ],
    ]),
    component('GO', 'Tujuan', 'Goals', [
      [
        'GO.1',
        'Visi smart city',
        'Smart city vision',
        'Tidak ada visi.',
        'Visi umum, tidak terkait daerah.',
        'Visi khas daerah dan terkait visi RPJMD.',
      ],
      ['GO.2', 'Tujuan per dimensi', 'Goals per dimension', 'Tidak ada.', 'Tujuan untuk sebagian dimensi.', 'Tujuan untuk keenam dimensi.'],
      [
        'GO.3',
        'Target kuantitatif',
        'Quantitative targets',
        'Tidak ada target.',
        'Target tanpa angka.',
        'Target berangka dengan angka dasar.',
      ],
      [
        'GO.4',
        'Target berjangka waktu',
        'Time-bound targets',
        'Tidak ada jangka waktu.',
        'Jangka waktu umum.',
        'Tahun capaian untuk setiap target.',
      ],
    ]),
    component('PO', 'Kebijakan dan program', 'Policies', [
      [
        'PO.1',
        'Program per dimensi dan subdimensi',
        'Programmes per dimension and sub-dimension',
        'Tidak ada.',
        'Program tanpa pembagian subdimensi.',
        'Program untuk setiap subdimensi.',
      ],
      [
        'PO.2',
        'Inovasi yang konkret',
        'Concrete innovations',
        'Tidak ada.',
        'Nama inovasi saja.',
        'Inovasi dengan masalah, pengguna, dan cara kerja.',
      ],
      [
        'PO.3',
        'Kaitan program dengan tujuan',
        'Programmes tied to goals',
        'Tidak ada.',
        'Kaitan umum.',
        'Setiap program menunjuk tujuan dan target yang dilayaninya.',
      ],
      [
        'PO.4',
        'Prioritas dan quick win',
        'Priorities and quick wins',
        'Tidak ada.',
        'Quick win disebut tanpa alasan.',
        'Quick win dipilih dengan kriteria yang jelas.',
      ],
    ]),
    component('IM', 'Implementasi', 'Implementation', [
      ['IM.1', 'OPD penanggung jawab', 'Responsible agencies', 'Tidak ada.', 'Untuk sebagian program.', 'Untuk setiap program.'],
      ['IM.2', 'Jadwal dan tahapan', 'Schedule and phases', 'Tidak ada.', 'Jadwal umum.', 'Jadwal tahunan per program.'],
      [
        'IM.3',
        'Anggaran dan sumber dana',
        'Budget and funding',
        'Tidak ada.',
        'Anggaran total saja.',
        'Anggaran dan sumber dana per program.',
      ],
      ['IM.4', 'Rencana aksi', 'Action plan', 'Tidak ada.', 'Daftar kegiatan.', 'Kegiatan, keluaran, jadwal, dan penanggung jawab.'],
    ]),
    component('ME', 'Monitoring dan evaluasi', 'Monitoring and evaluation', [
      ['ME.1', 'Indikator kinerja', 'Performance indicators', 'Tidak ada.', 'Indikator umum.', 'Indikator terukur per program.'],
      [
        'ME.2',
        'Mekanisme dan jadwal monev',
        'Monitoring mechanism and schedule',
        'Tidak ada.',
        'Disebut tanpa jadwal.',
        'Mekanisme dan jadwal jelas.',
      ],
      ['ME.3', 'Penanggung jawab monev', 'Monitoring responsibility', 'Tidak ada.', 'Umum.', 'Unit dan peran jelas.'],
      [
        'ME.4',
        'Umpan balik ke revisi rencana',
        'Feedback into plan revision',
        'Tidak ada.',
        'Disebut.',
        'Prosedur revisi berdasarkan hasil monev.',
      ],
    ]),
    component('CO', 'Koordinasi antarlembaga', 'Inter-agency coordination', [
      ['CO.1', 'Peran Dewan dan Tim Pelaksana', 'Council and team roles', 'Tidak ada.', 'Disebut.', 'Tugas dan mekanisme kerja jelas.'],
      ['CO.2', 'Pembagian peran antar-OPD', 'Roles across agencies', 'Tidak ada.', 'Umum.', 'Matriks peran per program.'],
      [
        'CO.3',
        'Kerja sama dengan provinsi, pusat, dan swasta',
        'Cooperation with province, national level and business',
        'Tidak ada.',
        'Disebut.',
        'Bentuk dan mitra kerja sama diuraikan.',
      ],
      [
        'CO.4',
        'Integrasi data dan aplikasi',
        'Data and application integration',
        'Tidak ada.',
        'Disebut.',
        'Rencana integrasi (satu data, interoperabilitas) diuraikan.',
      ],
    ]),
    component('PP', 'Partisipasi publik', 'Public participation', [
      [
        'PP.1',
        'Pelibatan warga dalam penyusunan',
        'Citizens involved in drafting',
        'Tidak ada.',
        'Disebut.',
        'Kegiatan, peserta, dan hasil dicantumkan.',
      ],
      [
        'PP.2',
        'Konsultasi atau forum publik',
        'Public consultation or forum',
        'Tidak ada.',
        'Disebut.',
        'Jadwal dan hasil forum dicantumkan.',
      ],
      [
        'PP.3',
        'Peran pentahelix',
        'Pentahelix roles',
        'Tidak ada.',
        'Disebut.',
        'Peran akademisi, swasta, komunitas, dan media diuraikan.',
      ],
      ['PP.4', 'Kanal umpan balik warga', 'Citizen feedback channels', 'Tidak ada.', 'Disebut.', 'Kanal dan tindak lanjutnya diuraikan.'],
    ]),
    component('OP', 'Organisasi dan penyajian', 'Organisation and presentation', [
      [
        'OP.1',
        'Struktur dan daftar isi',
        'Structure and contents',
        'Tidak teratur.',
        'Ada daftar isi, struktur kurang jelas.',
        'Struktur jelas mengikuti tahapan masterplan.',
      ],
      [
        'OP.2',
        'Ringkasan eksekutif',
        'Executive summary',
        'Tidak ada.',
        'Ringkasan umum.',
        'Ringkasan memuat visi, program prioritas, dan quick win.',
      ],
      [
        'OP.3',
        'Tabel, grafik, dan peta pendukung',
        'Supporting tables, charts and maps',
        'Tidak ada.',
        'Ada, tidak dirujuk.',
        'Dirujuk dalam teks dan mudah dibaca.',
      ],
      ['OP.4', 'Bahasa jelas dan konsisten', 'Clear, consistent language', 'Tidak.', 'Sebagian.', 'Istilah konsisten dan mudah dipahami.'],
    ]),
  ],
};

/**
 * Version 2 of the masterplan review: the same criteria, but a group only partly due at a Bimtek
 * stage counts with the due share of its weight (docs/scoring.md, "Stage weighting"), so that at
 * Bimtek 3 the road map's one due criterion no longer carries the group's whole 15%. Version 1 stays
 * as it was: assessments made on it keep their results until their assessor moves them to version 2.
 */
const masterplanReviewV2: Rubric = {
  ...masterplanReview,
  version: 2,
  stageWeighting: 'due-share',
  description:
    (masterplanReview.description ?? '') +
    ' Kelompok yang baru sebagian jatuh tempo pada suatu tahap dihitung sesuai bagian bobotnya yang jatuh tempo.',
};

for (const [file, rubric] of [
  ['masterplan-review', masterplanReview],
  ['masterplan-review.v2', masterplanReviewV2],
  ['kominfo-evaluation-2021', kominfo2021],
  ['kominfo-evaluation-legacy', kominfoLegacy],
  ['plan-quality-8', planQuality],
] as const) {
  const checked = validateRubric(rubric);
  if (!checked.ok) throw new Error(`${rubric.id}: ${JSON.stringify(checked.problems, null, 2)}`);
  writeFileSync(out(file), `${JSON.stringify({ format: RUBRIC_FILE_FORMAT, formatVersion: 1, rubric }, null, 2)}\n`);
  console.log(`resources/rubrics/${file}.json`);
}

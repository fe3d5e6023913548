import type { Rng } from './prng.ts';
import type { SubDimensionVocabulary } from './vocabulary.ts';

/**
 * Varied Indonesian prose from templates: {R} the regency ("Kabupaten Sleman"), {r} its bare name,
 * {head} "Bupati"/"Wali Kota", {topic}/{topic2}/{issue}/{goal} from a sub-dimension, {n}/{m}/{pct}
 * numbers, {y0} the base year. No sentence is used twice in a document.
 */
export interface ProseContext {
  regency: string;
  short: string;
  head: string;
  year: number;
  dimension?: string;
  subName?: string;
  sub?: Pick<SubDimensionVocabulary, 'topics' | 'issues' | 'goals'>;
}

export const POOLS = {
  background: [
    'Perkembangan teknologi informasi dan komunikasi telah mengubah cara pemerintah daerah melayani warganya.',
    'Konsep kota cerdas tidak semata-mata tentang teknologi, melainkan tentang bagaimana teknologi dimanfaatkan untuk menyelesaikan persoalan daerah.',
    '{R} memiliki potensi sumber daya alam, budaya dan manusia yang besar, namun belum seluruhnya dikelola secara optimal.',
    'Gerakan Menuju 100 Smart City yang diinisiasi Kementerian Komunikasi dan Informatika menjadi momentum bagi {R} untuk mempercepat transformasi digital.',
    'Urbanisasi, pertumbuhan penduduk dan tuntutan layanan yang semakin cepat mendorong pemerintah daerah untuk berbenah.',
    'Masterplan ini disusun sebagai acuan bersama seluruh perangkat daerah dalam merencanakan dan melaksanakan inisiatif kota cerdas.',
    'Tanpa perencanaan yang terpadu, pengembangan aplikasi oleh masing-masing perangkat daerah berisiko tumpang tindih dan tidak berkelanjutan.',
    'Penyusunan masterplan dilakukan melalui serangkaian bimbingan teknis, diskusi kelompok terarah dan konsultasi publik selama tahun {y0}.',
    'Pemerintah {R} memandang kota cerdas sebagai cara untuk mewujudkan visi pembangunan daerah dalam RPJMD.',
    'Masterplan berlaku untuk jangka waktu lima tahun dan dievaluasi setiap tahun agar tetap sesuai dengan perkembangan kebutuhan daerah.',
    'Keterbatasan anggaran menuntut pemerintah daerah memilih inisiatif yang paling besar manfaatnya bagi masyarakat.',
    'Kolaborasi pentahelix antara pemerintah, akademisi, dunia usaha, komunitas dan media menjadi prinsip dalam penyusunan dokumen ini.',
    'Pengalaman daerah lain menunjukkan bahwa keberhasilan kota cerdas ditentukan oleh kepemimpinan, tata kelola dan partisipasi warga.',
    'Masyarakat {R} semakin terbiasa menggunakan ponsel pintar dalam kegiatan sehari-hari, sehingga layanan digital menjadi kebutuhan.',
  ],
  purpose: [
    'Maksud penyusunan masterplan adalah memberikan arah dan pedoman pembangunan kota cerdas {R} untuk periode {y1}–{y5}.',
    'Tujuan penyusunan masterplan adalah menyelaraskan program perangkat daerah dengan enam dimensi kota cerdas.',
    'Dokumen ini juga bertujuan menjadi dasar penganggaran program kota cerdas dalam rencana kerja perangkat daerah.',
    'Masterplan diharapkan menjadi alat komunikasi antara pemerintah daerah dan para pemangku kepentingan.',
    'Selain itu, masterplan menjadi rujukan dalam pemantauan dan evaluasi capaian kota cerdas setiap tahun.',
    'Melalui masterplan ini, setiap perangkat daerah mengetahui peran dan tanggung jawabnya dalam mewujudkan kota cerdas.',
  ],
  scope: [
    'Ruang lingkup masterplan meliputi analisis kesiapan daerah, perumusan visi dan misi, strategi, program, quick win serta peta jalan.',
    'Wilayah perencanaan mencakup seluruh kecamatan di {R}.',
    'Program yang dimuat dalam masterplan mencakup enam dimensi, yaitu Smart Governance, Smart Branding, Smart Economy, Smart Living, Smart Society dan Smart Environment.',
    'Jangka waktu perencanaan adalah lima tahun, dengan pembagian jangka pendek, menengah dan panjang.',
    'Masterplan tidak memuat rincian teknis aplikasi, yang akan dituangkan dalam dokumen perencanaan teknis masing-masing perangkat daerah.',
  ],
  council: [
    'Untuk mengawal pelaksanaan masterplan, {head} {r} membentuk Dewan Smart City yang diketuai langsung oleh {head}.',
    'Dewan Smart City bertugas menetapkan arah kebijakan, memberikan persetujuan atas program prioritas dan mengevaluasi capaian secara berkala.',
    'Tim Pelaksana Smart City diketuai oleh Sekretaris Daerah dengan anggota kepala perangkat daerah terkait.',
    'Sekretariat tim pelaksana berkedudukan di Dinas Komunikasi dan Informatika.',
    'Dewan Smart City juga melibatkan unsur perguruan tinggi, tokoh masyarakat dan dunia usaha agar pengambilan keputusan lebih terbuka.',
    'Susunan keanggotaan Dewan Smart City ditetapkan dengan keputusan {head} sebagaimana tercantum pada halaman berikut.',
  ],
  geography: [
    '{R} terletak di antara {lat} Lintang Selatan dan {lon} Bujur Timur.',
    'Secara administratif, {R} terdiri atas {k} kecamatan dengan {d} desa dan kelurahan.',
    'Wilayah {R} memiliki topografi yang beragam, mulai dari dataran rendah di pesisir hingga perbukitan di bagian tengah.',
    'Luas wilayah {R} tercatat sekitar {area} km², dengan kepadatan penduduk yang tidak merata antarkecamatan.',
    'Kecamatan yang berada di pusat pemerintahan memiliki kepadatan penduduk tertinggi, sedangkan kecamatan di wilayah pegunungan memiliki kepadatan terendah.',
    'Iklim di wilayah ini tergolong tropis dengan musim hujan yang berlangsung antara November dan April.',
    'Kondisi geografis tersebut memengaruhi biaya pembangunan jaringan dan jangkauan layanan pemerintah.',
  ],
  demography: [
    'Jumlah penduduk {R} pada tahun {y0p} sebanyak {pop} jiwa dengan laju pertumbuhan sekitar {pct} persen per tahun.',
    'Penduduk usia produktif mendominasi struktur kependudukan, yang menjadi modal sekaligus tantangan dalam penyediaan lapangan kerja.',
    'Rasio jenis kelamin menunjukkan jumlah penduduk laki-laki sedikit lebih banyak daripada perempuan.',
    'Sebaran penduduk per kecamatan disajikan pada tabel berikut.',
    'Sebagian besar penduduk bekerja di sektor pertanian, perdagangan dan jasa.',
    'Angka partisipasi sekolah terus meningkat, meskipun masih terdapat kesenjangan antara wilayah perkotaan dan perdesaan.',
  ],
  economy: [
    'Perekonomian {R} ditopang oleh sektor pertanian, perdagangan dan industri pengolahan.',
    'Laju pertumbuhan ekonomi pada tahun {y0p} mencapai {pct} persen, lebih tinggi dibandingkan tahun sebelumnya.',
    'Produk domestik regional bruto per kapita terus meningkat, namun ketimpangan pendapatan masih perlu mendapat perhatian.',
    'Sektor jasa dan perdagangan tumbuh seiring meningkatnya kunjungan dari luar daerah.',
    'Pemerintah daerah mendorong hilirisasi hasil pertanian agar nilai tambah dinikmati di dalam daerah.',
  ],
  ict: [
    'Cakupan jaringan seluler 4G telah menjangkau sebagian besar desa, meskipun masih terdapat titik tanpa sinyal di wilayah terpencil.',
    'Jaringan fiber optik pemerintah daerah telah menghubungkan kantor bupati dengan {n} perangkat daerah.',
    'Pemerintah daerah saat ini mengelola lebih dari {apps} aplikasi yang dikembangkan secara terpisah oleh perangkat daerah.',
    'Sebagian aplikasi tersebut belum aktif digunakan karena keterbatasan pemeliharaan dan operator.',
    'Penyediaan akses internet di ruang publik dan kantor desa dilakukan secara bertahap sejak tahun {y0p}.',
    'Tingkat penetrasi internet rumah tangga masih lebih rendah dibandingkan rata-rata provinsi.',
  ],
  structure: [
    'Dari sisi struktur, kesiapan daerah dinilai dari kepemimpinan, sumber daya manusia dan anggaran.',
    'Komitmen pimpinan daerah terlihat dari dimasukkannya kota cerdas dalam prioritas pembangunan daerah.',
    'Jumlah aparatur dengan latar belakang teknologi informasi masih terbatas dan sebagian besar berada di Dinas Komunikasi dan Informatika.',
    'Anggaran untuk urusan komunikasi dan informatika rata-rata berada di bawah satu persen dari total belanja daerah.',
    'Kapasitas aparatur dalam mengelola data dan layanan digital perlu ditingkatkan secara berjenjang.',
    'Kelembagaan pengelola kota cerdas perlu diperkuat dengan pembagian peran yang jelas antarperangkat daerah.',
  ],
  infrastructure: [
    'Dari sisi infrastruktur, pemerintah daerah telah memiliki ruang server sederhana yang menampung aplikasi utama.',
    'Kapasitas bandwidth internet pemerintah daerah sebesar {bw} Mbps dan masih perlu ditambah seiring bertambahnya layanan daring.',
    'Jaringan intra pemerintah belum menjangkau seluruh kantor kecamatan.',
    'Pemanfaatan pusat data nasional dan komputasi awan menjadi pilihan untuk mengurangi beban investasi perangkat keras.',
    'Infrastruktur pendukung seperti catu daya cadangan dan pendingin ruang server perlu diperbarui.',
    'Ketersediaan menara telekomunikasi di wilayah pinggiran masih bergantung pada investasi operator seluler.',
  ],
  suprastructure: [
    'Dari sisi suprastruktur, daerah telah memiliki peraturan {head} tentang penyelenggaraan sistem pemerintahan berbasis elektronik.',
    'Regulasi mengenai tata kelola data, standar aplikasi dan keamanan informasi masih perlu disusun.',
    'Standar operasional prosedur layanan digital belum tersedia di seluruh perangkat daerah.',
    'Kebijakan satu data daerah menjadi landasan agar data dapat dibagipakaikan antarperangkat daerah.',
    'Penetapan masterplan dengan peraturan {head} akan memberikan kekuatan hukum bagi pelaksanaannya.',
  ],
  vision: [
    'Visi kota cerdas {R} disusun dengan mengacu pada visi pembangunan jangka menengah daerah.',
    'Visi tersebut menggambarkan kondisi yang ingin dicapai pada akhir periode masterplan.',
    'Untuk mewujudkan visi, dirumuskan misi yang menjadi arah bagi seluruh dimensi kota cerdas.',
    'Visi dan misi dijabarkan lebih lanjut ke dalam tujuan dan sasaran yang terukur pada setiap dimensi.',
  ],
  strategy: [
    'Strategi kota cerdas disusun berdasarkan hasil analisis kesiapan daerah dan analisis SWOT pada setiap dimensi.',
    'Setiap program dilengkapi dengan inovasi, perangkat daerah penanggung jawab, jangka waktu dan perkiraan anggaran.',
    'Program diprioritaskan berdasarkan dampak bagi masyarakat, kesiapan pelaksana dan ketersediaan anggaran.',
    'Pelaksanaan program dilakukan secara bertahap sesuai dengan peta jalan yang disajikan pada bab selanjutnya.',
    'Program yang tercantum merupakan program yang dapat dibiayai dari APBD, APBN, dana desa maupun kerja sama dengan pihak swasta.',
    'Perkiraan anggaran bersifat indikatif dan akan disesuaikan dalam proses penganggaran tahunan.',
  ],
  quickWin: [
    'Quick win adalah program yang dapat dilaksanakan dalam waktu singkat dan manfaatnya segera dirasakan masyarakat.',
    'Kriteria pemilihan quick win meliputi kesiapan pelaksana, ketersediaan anggaran, kemudahan pelaksanaan dan dampak yang terlihat.',
    'Quick win menjadi penanda keseriusan pemerintah daerah dan membangun kepercayaan masyarakat terhadap program kota cerdas.',
    'Program quick win dilaksanakan pada tahun pertama dan kedua pelaksanaan masterplan.',
    'Daftar quick win disepakati dalam rapat Dewan Smart City bersama perangkat daerah pelaksana.',
  ],
  roadmap: [
    'Peta jalan menggambarkan tahapan pelaksanaan program kota cerdas selama lima tahun.',
    'Tahun pertama difokuskan pada penguatan tata kelola, regulasi dan program quick win.',
    'Tahun kedua dan ketiga difokuskan pada integrasi layanan dan perluasan program ke seluruh kecamatan.',
    'Tahun keempat dan kelima difokuskan pada keberlanjutan dan peningkatan kualitas layanan.',
    'Peta jalan dapat ditinjau kembali setiap tahun berdasarkan hasil evaluasi.',
  ],
  monitoring: [
    'Monitoring dilakukan setiap triwulan oleh Tim Pelaksana Smart City terhadap capaian setiap program.',
    'Evaluasi dilakukan setiap tahun dengan membandingkan capaian indikator terhadap target yang ditetapkan.',
    'Hasil monitoring dan evaluasi dilaporkan kepada Dewan Smart City sebagai bahan pengambilan keputusan.',
    'Perangkat daerah pelaksana wajib menyampaikan laporan kemajuan program melalui aplikasi monitoring.',
    'Evaluasi juga melibatkan survei kepuasan masyarakat terhadap layanan yang dikembangkan.',
    'Program yang tidak menunjukkan kemajuan akan dikaji ulang untuk disesuaikan atau dihentikan.',
  ],
  closing: [
    'Masterplan ini diharapkan menjadi pedoman bersama dalam mewujudkan {R} sebagai daerah cerdas.',
    'Keberhasilan pelaksanaan masterplan membutuhkan komitmen seluruh perangkat daerah dan dukungan masyarakat.',
    'Masterplan bersifat dinamis dan dapat disempurnakan sesuai perkembangan teknologi dan kebutuhan daerah.',
    'Semoga dokumen ini memberi manfaat bagi pembangunan {R} yang lebih maju dan sejahtera.',
  ],
  foreword: [
    'Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya Masterplan Smart City {R}.',
    'Dokumen ini merupakan wujud komitmen Pemerintah {R} dalam memanfaatkan teknologi untuk meningkatkan kualitas pelayanan dan kesejahteraan masyarakat.',
    'Kota cerdas bukan sekadar membangun aplikasi, melainkan mengubah cara kita bekerja dan melayani.',
    'Saya mengajak seluruh perangkat daerah, dunia usaha, perguruan tinggi, komunitas dan masyarakat untuk bersama-sama mewujudkan kota cerdas.',
    'Terima kasih kami sampaikan kepada Kementerian Komunikasi dan Informatika beserta tim mentor yang telah mendampingi penyusunan masterplan ini.',
    'Semoga masterplan ini dapat dilaksanakan dengan sebaik-baiknya dan memberi manfaat nyata bagi warga.',
  ],
  preface: [
    'Masterplan Smart City disusun oleh Tim Pelaksana Smart City bersama perangkat daerah melalui rangkaian bimbingan teknis.',
    'Dokumen ini memuat analisis kesiapan, visi dan misi, strategi, program, quick win serta peta jalan kota cerdas.',
    'Kami menyadari bahwa dokumen ini masih memiliki kekurangan, sehingga saran dan masukan sangat kami harapkan.',
    'Terima kasih kepada semua pihak yang telah berkontribusi dalam penyusunan dokumen ini.',
  ],
  sub: [
    'Saat ini {topic} di {R} masih menghadapi {issue}.',
    'Kondisi tersebut menuntut langkah terobosan agar tercapai {goal}.',
    'Salah satu persoalan mendasar dalam {topic} adalah {issue}, sehingga proses bisnis perlu dibenahi sebelum aplikasi dikembangkan.',
    'Pemerintah {R} menempatkan {topic} sebagai prioritas karena berdampak langsung pada {goal}.',
    'Hasil diskusi kelompok terarah bersama perangkat daerah menunjukkan bahwa {issue} menjadi hambatan utama dalam {topic}.',
    'Dalam lima tahun ke depan, {topic} diarahkan untuk mewujudkan {goal}.',
    'Upaya yang telah dilakukan antara lain melalui {topic2}, namun hasilnya belum optimal karena {issue}.',
    'Pengembangan {topic} perlu memperhatikan kesiapan aparatur pelaksana, ketersediaan dana dan dukungan kebijakan.',
    'Keberhasilan {topic} diukur dari {goal} yang dirasakan langsung oleh masyarakat.',
    'Kerja sama dengan perguruan tinggi dan dunia usaha menjadi kunci dalam {topic}.',
    'Data tahun {y0p} menunjukkan bahwa {issue} masih ditemukan di {n} kecamatan.',
    'Inovasi yang dirancang untuk {topic} tidak hanya berupa aplikasi, tetapi juga perubahan tata kerja.',
    'Masukan warga melalui survei daring memperlihatkan harapan yang besar terhadap {goal}.',
    'Integrasi {topic} dengan {topic2} akan menghindari duplikasi aplikasi dan pemborosan.',
    'Perangkat daerah yang menangani {topic} telah menyiapkan data dasar sebagai titik awal pengukuran.',
    'Sasaran yang ingin dicapai adalah {goal} pada akhir periode masterplan.',
    'Tanpa penanganan yang terencana, {issue} akan terus menghambat {topic}.',
    'Beberapa praktik baik dari daerah lain dalam {topic} dapat diadaptasi sesuai kondisi {R}.',
  ],
  swotS: [
    'Komitmen pimpinan daerah terhadap {topic}.',
    'Telah tersedia data dasar {topic}.',
    'Aparatur pelaksana {topic} yang berpengalaman.',
    'Dukungan kebijakan daerah terhadap {topic}.',
    'Sebagian layanan {topic} telah berjalan secara daring.',
  ],
  swotW: [
    'Masih terdapat {issue}.',
    'Anggaran untuk {topic} terbatas.',
    'Belum ada standar operasional {topic}.',
    'Koordinasi antarperangkat daerah dalam {topic} belum optimal.',
  ],
  swotO: [
    'Program nasional yang mendukung {topic}.',
    'Meningkatnya penggunaan ponsel pintar oleh masyarakat.',
    'Minat mitra swasta untuk bekerja sama dalam {topic}.',
    'Dukungan perguruan tinggi dalam pendampingan {topic}.',
  ],
  swotT: [
    'Ekspektasi masyarakat yang tinggi terhadap {goal}.',
    'Perubahan regulasi di tingkat pusat.',
    'Ketergantungan pada penyedia teknologi dari luar daerah.',
    'Ancaman siber terhadap sistem yang dikembangkan.',
  ],
} satisfies Record<string, string[]>;

export type Pool = keyof typeof POOLS;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export class Prose {
  private used = new Set<string>();
  private uses = new Map<string, number>();
  private last = '';
  private readonly rng: Rng;
  private readonly base: ProseContext;
  /** False for text that must not appear (keywords of sub-dimensions the document leaves out). */
  private readonly allowed: (text: string) => boolean;

  constructor(rng: Rng, base: ProseContext, allowed: (text: string) => boolean) {
    this.rng = rng;
    this.base = base;
    this.allowed = allowed;
  }

  ok(text: string): boolean {
    return this.allowed(text);
  }

  fill(template: string, context: ProseContext = this.base): string {
    const sub = context.sub;
    const draw = (key: string): string => {
      switch (key) {
        case 'R':
          return context.regency;
        case 'r':
          return context.short;
        case 'head':
          return context.head;
        case 'y0':
          return String(context.year);
        case 'y0p':
          return String(context.year - 1);
        case 'y1':
          return String(context.year + 1);
        case 'y5':
          return String(context.year + 5);
        case 'topic':
          return this.rng.pick(sub?.topics ?? ['layanan digital']);
        case 'topic2':
          return this.rng.pick(sub?.topics ?? ['layanan daring']);
        case 'issue':
          return this.rng.pick(sub?.issues ?? ['keterbatasan sumber daya']);
        case 'goal':
          return this.rng.pick(sub?.goals ?? ['layanan yang lebih baik']);
        case 'n':
          return String(this.rng.int(3, 9));
        case 'k':
          return String(this.rng.int(9, 24));
        case 'd':
          return String(this.rng.int(120, 340));
        case 'apps':
          return String(this.rng.int(4, 9) * 10);
        case 'bw':
          return String(this.rng.int(2, 12) * 50);
        case 'pct':
          return `${this.rng.int(1, 6)},${this.rng.int(0, 9)}${this.rng.int(1, 9)}`;
        case 'pop':
          return formatThousands(this.rng.int(250, 1400) * 1000 + this.rng.int(0, 999));
        case 'area':
          return formatThousands(this.rng.int(600, 9800));
        case 'lat':
          return `${this.rng.int(0, 8)}°${this.rng.int(10, 59)}′`;
        case 'lon':
          return `${this.rng.int(106, 140)}°${this.rng.int(10, 59)}′`;
        default:
          throw new Error(`unknown slot {${key}}`);
      }
    };
    return capitalise(template.replace(/\{(\w+)\}/g, (_, key: string) => draw(key)));
  }

  /** One sentence from a pool, not used before in this document and allowed; rarely used templates first. */
  sentence(pool: Pool | readonly string[], context?: ProseContext, avoid: ReadonlySet<string> = new Set()): string | null {
    const templates = typeof pool === 'string' ? POOLS[pool] : pool;
    for (let attempt = 0; attempt < 40; attempt++) {
      const candidates = [this.rng.pick(templates), this.rng.pick(templates), this.rng.pick(templates)].filter(
        (t) => attempt > 20 || !avoid.has(t),
      );
      const template = candidates.sort((a, b) => (this.uses.get(a) ?? 0) - (this.uses.get(b) ?? 0))[0];
      if (!template) continue;
      const text = this.fill(template, context);
      if (!this.used.has(text) && this.allowed(text)) {
        this.used.add(text);
        this.uses.set(template, (this.uses.get(template) ?? 0) + 1);
        this.last = template;
        return text;
      }
    }
    return null;
  }

  /** A paragraph of `min`–`max` sentences from the pools, in pool order then shuffled a little. */
  paragraph(pools: (Pool | readonly string[])[], min: number, max: number, context?: ProseContext): string {
    const count = this.rng.int(min, max);
    const sentences: string[] = [];
    const templates = new Set<string>();
    for (let i = 0; i < count; i++) {
      const sentence = this.sentence(pools[i % pools.length] as Pool, context, templates);
      templates.add(this.last);
      if (sentence) sentences.push(sentence);
    }
    return sentences.join(' ');
  }
}

/** 1543 → "1.543"; 2.5 → "2,5". */
export function formatThousands(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction ? `${grouped},${fraction}` : grouped;
}

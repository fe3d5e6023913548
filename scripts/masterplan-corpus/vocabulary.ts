import type { DimensionCode, SubDimensionCode } from './truth.ts';

/** Words the generated masterplans are made of: dimensions, programme objects, agencies, prose material. */

export type ObjectKind = 'sys' | 'svc' | 'place' | 'prog' | 'dig';

export interface ProgrammeObject {
  kind: ObjectKind;
  /** The noun phrase: "Mal Pelayanan Publik Digital". */
  object: string;
  /** What the innovation does, lower-case start. */
  feature: string;
  /** A short name a quick-win table would use. */
  brand?: string;
}

export interface SubDimensionVocabulary {
  code: SubDimensionCode;
  /** Section heading names, the first is the usual one. */
  names: string[];
  topics: string[];
  issues: string[];
  goals: string[];
  agencies: AgencyKey[];
  objects: ProgrammeObject[];
  indicators: { name: string; unit: string; from: number; step: number }[];
}

export interface DimensionVocabulary {
  code: DimensionCode;
  name: string;
  /** What the dimension is about, for "Smart Governance adalah …" sentences. */
  gist: string;
  subs: SubDimensionVocabulary[];
}

export const AGENCIES = {
  diskominfo: ['Dinas Komunikasi dan Informatika', 'Diskominfo'],
  bappeda: ['Badan Perencanaan Pembangunan Daerah', 'Bappeda'],
  dpmptsp: ['Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'DPMPTSP'],
  dukcapil: ['Dinas Kependudukan dan Pencatatan Sipil', 'Disdukcapil'],
  bkpsdm: ['Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'BKPSDM'],
  organisasi: ['Bagian Organisasi Sekretariat Daerah', 'Bagian Organisasi Setda'],
  hukum: ['Bagian Hukum Sekretariat Daerah', 'Bagian Hukum Setda'],
  inspektorat: ['Inspektorat Daerah', 'Inspektorat'],
  bpkad: ['Badan Pengelolaan Keuangan dan Aset Daerah', 'BPKAD'],
  bapenda: ['Badan Pendapatan Daerah', 'Bapenda'],
  barjas: ['Bagian Pengadaan Barang dan Jasa Setda', 'Bagian PBJ'],
  arsip: ['Dinas Perpustakaan dan Kearsipan', 'Dispusip'],
  pariwisata: ['Dinas Pariwisata dan Kebudayaan', 'Disparbud'],
  perindag: ['Dinas Perindustrian dan Perdagangan', 'Disperindag'],
  kukm: ['Dinas Koperasi, Usaha Kecil dan Menengah', 'Dinas KUKM'],
  pertanian: ['Dinas Pertanian dan Ketahanan Pangan', 'Distan'],
  sosial: ['Dinas Sosial', 'Dinsos'],
  naker: ['Dinas Tenaga Kerja', 'Disnaker'],
  dpmd: ['Dinas Pemberdayaan Masyarakat dan Desa', 'DPMD'],
  pupr: ['Dinas Pekerjaan Umum dan Penataan Ruang', 'Dinas PUPR'],
  perkim: ['Dinas Perumahan dan Kawasan Permukiman', 'Disperkim'],
  kesehatan: ['Dinas Kesehatan', 'Dinkes'],
  rsud: ['Rumah Sakit Umum Daerah', 'RSUD'],
  perhubungan: ['Dinas Perhubungan', 'Dishub'],
  kesbangpol: ['Badan Kesatuan Bangsa dan Politik', 'Kesbangpol'],
  pora: ['Dinas Pemuda dan Olahraga', 'Dispora'],
  pendidikan: ['Dinas Pendidikan', 'Disdik'],
  satpolpp: ['Satuan Polisi Pamong Praja', 'Satpol PP'],
  bpbd: ['Badan Penanggulangan Bencana Daerah', 'BPBD'],
  damkar: ['Dinas Pemadam Kebakaran dan Penyelamatan', 'Damkar'],
  lingkungan: ['Dinas Lingkungan Hidup', 'DLH'],
  perekonomian: ['Bagian Perekonomian dan Sumber Daya Alam Setda', 'Bagian Perekonomian Setda'],
} as const satisfies Record<string, readonly [string, string]>;
export type AgencyKey = keyof typeof AGENCIES;

/** "kind|object|feature|brand" lines, to keep the lists readable. */
function objects(lines: string): ProgrammeObject[] {
  return lines
    .trim()
    .split('\n')
    .map((line) => {
      const [kind, object, feature, brand] = line.trim().split('|');
      if (!kind || !object || !feature) throw new Error(`bad object line: ${line}`);
      return { kind: kind as ObjectKind, object, feature, ...(brand ? { brand } : {}) };
    });
}

export const DIMENSIONS: DimensionVocabulary[] = [
  {
    code: 'GOV',
    name: 'Smart Governance',
    gist: 'tata kelola pemerintahan yang efektif, efisien, transparan dan akuntabel melalui pemanfaatan teknologi informasi',
    subs: [
      {
        code: 'GOV.public_service',
        names: ['Pelayanan Publik', 'Peningkatan Kualitas Pelayanan Publik'],
        topics: [
          'layanan perizinan',
          'layanan administrasi kependudukan',
          'pengaduan masyarakat',
          'mal pelayanan publik',
          'layanan publik tingkat kecamatan',
          'survei kepuasan masyarakat',
        ],
        issues: [
          'antrean layanan yang masih panjang',
          'persyaratan perizinan yang belum seragam antarunit',
          'pengaduan warga yang belum ditindaklanjuti tepat waktu',
          'layanan yang masih mengharuskan warga datang ke kantor',
          'jam layanan yang terbatas pada hari kerja',
        ],
        goals: [
          'layanan yang cepat, mudah dan terjangkau',
          'kepastian waktu dan biaya layanan',
          'pengaduan yang ditangani secara tuntas',
          'layanan yang dapat diakses dari desa',
        ],
        agencies: ['dpmptsp', 'dukcapil', 'diskominfo', 'organisasi'],
        indicators: [
          { name: 'Indeks Kepuasan Masyarakat', unit: 'Indeks', from: 78, step: 1.5 },
          { name: 'Jenis layanan perizinan yang dapat diajukan secara daring', unit: 'Jenis', from: 45, step: 15 },
          { name: 'Pengaduan masyarakat yang selesai ditindaklanjuti', unit: '%', from: 70, step: 5 },
        ],
        objects: objects(`
          sys|Mal Pelayanan Publik Digital|layanan perizinan, kependudukan dan perpajakan dalam satu portal daring dengan antrean elektronik|MPP Digital
          sys|Sistem Pengaduan Masyarakat Terpadu|kanal pengaduan melalui aplikasi, WhatsApp dan media sosial yang ditindaklanjuti perangkat daerah dengan batas waktu penyelesaian|Aplikasi Lapor Warga
          svc|Layanan Perizinan Berusaha Berbasis Risiko|perizinan daring yang terhubung dengan OSS RBA dan notifikasi status permohonan melalui pesan singkat
          svc|Layanan Administrasi Kependudukan Jemput Bola|perekaman dan pencetakan dokumen kependudukan di desa dengan perangkat bergerak|Dukcapil Keliling
          sys|Portal Layanan Publik Terpadu|satu pintu masuk seluruh layanan daring perangkat daerah dengan akun tunggal warga
          sys|Sistem Antrean Daring Layanan Publik|pengambilan nomor antrean dari rumah dan tampilan estimasi waktu layanan di setiap loket|Antrean Online
          svc|Pelayanan Administrasi Terpadu Kecamatan|layanan surat-menyurat kecamatan yang diajukan dan dilacak melalui aplikasi|PATEN Online
          sys|Survei Kepuasan Masyarakat Elektronik|survei kepuasan daring di setiap unit layanan dengan dasbor indeks kepuasan|e-SKM
          svc|Anjungan Dukcapil Mandiri|pencetakan mandiri KTP-el, kartu keluarga dan akta kelahiran di ruang publik|Anjungan Dukcapil Mandiri
          svc|Layanan Informasi Publik Elektronik|permohonan informasi dan pengajuan keberatan PPID secara elektronik|e-PPID
        `),
      },
      {
        code: 'GOV.bureaucracy',
        names: ['Manajemen Birokrasi', 'Manajemen Birokrasi yang Efisien'],
        topics: [
          'administrasi perkantoran',
          'manajemen kepegawaian',
          'penilaian kinerja aparatur',
          'pengadaan barang dan jasa',
          'kearsipan dinas',
          'perencanaan dan penganggaran',
        ],
        issues: [
          'surat dinas yang masih berbasis kertas',
          'data kepegawaian yang tersebar di beberapa aplikasi',
          'penilaian kinerja yang belum berbasis capaian',
          'aplikasi perangkat daerah yang belum saling terhubung',
          'kompetensi digital aparatur yang belum merata',
        ],
        goals: [
          'birokrasi yang ramping dan lincah',
          'aparatur yang kompeten dan berkinerja tinggi',
          'administrasi tanpa kertas',
          'pengambilan keputusan yang cepat',
        ],
        agencies: ['bkpsdm', 'organisasi', 'diskominfo', 'inspektorat', 'bpkad', 'barjas'],
        indicators: [
          { name: 'Indeks SPBE', unit: 'Indeks', from: 2.3, step: 0.3 },
          { name: 'Perangkat daerah yang menggunakan e-Office', unit: '%', from: 40, step: 15 },
        ],
        objects: objects(`
          sys|Sistem Informasi Manajemen Kepegawaian|data kepegawaian, kenaikan pangkat dan cuti aparatur yang diurus sepenuhnya secara daring|SIMPEG
          sys|Aplikasi Perkantoran Elektronik|surat-menyurat, disposisi dan arsip dinas tanpa kertas dengan tanda tangan elektronik|e-Office
          sys|Penilaian Kinerja Aparatur Elektronik|pengukuran kinerja harian aparatur yang terhubung dengan tambahan penghasilan pegawai|e-Kinerja
          sys|Sistem Perencanaan dan Penganggaran Terintegrasi|perencanaan, penganggaran dan pelaporan realisasi kegiatan dalam satu sistem yang terhubung dengan SIPD
          sys|Sertifikat Elektronik bagi Pejabat Daerah|tanda tangan elektronik tersertifikasi untuk naskah dinas dan dokumen perizinan|TTE Pejabat
          sys|Katalog Elektronik Lokal|pengadaan barang dan jasa dari penyedia lokal melalui katalog elektronik yang transparan|e-Katalog Lokal
          sys|Presensi Aparatur Berbasis Lokasi|presensi pegawai melalui ponsel dengan pengenalan wajah dan titik lokasi kantor|e-Presensi
          prog|Kompetensi Digital Aparatur Sipil Negara|peningkatan kompetensi digital aparatur secara berjenjang dengan sertifikasi
          sys|Sistem Pengendalian Internal Terintegrasi|pemantauan tindak lanjut hasil pemeriksaan dan pengendalian gratifikasi secara daring
          dig|Arsip Dinas Pemerintah Daerah|alih media arsip dinas dan penelusuran dokumen secara elektronik|e-Arsip
        `),
      },
      {
        code: 'GOV.policy',
        names: ['Kebijakan Publik', 'Kebijakan Publik Berbasis Data'],
        topics: [
          'tata kelola data',
          'dokumentasi produk hukum daerah',
          'perencanaan pembangunan partisipatif',
          'data terbuka',
          'pemantauan capaian pembangunan',
        ],
        issues: [
          'data sektoral yang belum dimutakhirkan secara berkala',
          'produk hukum daerah yang sulit ditelusuri warga',
          'perbedaan angka antarperangkat daerah',
          'usulan warga yang tidak dapat dipantau tindak lanjutnya',
        ],
        goals: [
          'kebijakan yang berbasis bukti',
          'data yang akurat, mutakhir dan dapat dibagipakaikan',
          'perencanaan yang partisipatif',
          'produk hukum yang mudah diakses',
        ],
        agencies: ['bappeda', 'diskominfo', 'hukum'],
        indicators: [
          { name: 'Dataset sektoral yang dipublikasikan di portal data', unit: 'Dataset', from: 120, step: 60 },
          { name: 'Produk hukum daerah yang dapat diakses daring', unit: '%', from: 65, step: 8 },
        ],
        objects: objects(`
          sys|Portal Satu Data Daerah|data sektoral seluruh perangkat daerah dengan metadata standar dan walidata di Diskominfo|Portal Satu Data
          sys|Jaringan Dokumentasi dan Informasi Hukum|produk hukum daerah yang dapat dicari, dibaca dan diunduh masyarakat|JDIH Online
          sys|Dasbor Eksekutif Pimpinan Daerah|visualisasi indikator pembangunan bagi pengambilan keputusan pimpinan daerah|Dasbor Pimpinan
          place|Ruang Kendali Terpadu|pusat pemantauan layanan dan kejadian di daerah yang memadukan data dari seluruh perangkat daerah|Command Center
          sys|Musyawarah Perencanaan Pembangunan Elektronik|usulan pembangunan dari desa dan kecamatan yang dapat dipantau tindak lanjutnya secara daring|e-Musrenbang
          prog|Regulasi Sistem Pemerintahan Berbasis Elektronik|penyusunan peraturan kepala daerah tentang SPBE, tata kelola data dan arsitektur SPBE daerah
          sys|Data Terbuka Pemerintah Daerah|publikasi dataset terbuka dengan format yang dapat dibaca mesin dan lisensi terbuka|Open Data
          prog|Konsultasi Publik Rancangan Kebijakan Secara Daring|rancangan kebijakan dipublikasikan untuk mendapat masukan warga sebelum ditetapkan
          sys|Sistem Monitoring dan Evaluasi Pembangunan|pemantauan capaian program dan kegiatan setiap triwulan dengan peringatan dini|e-Monev
          place|Pusat Data Daerah|ruang server bersama untuk seluruh aplikasi perangkat daerah dengan cadangan data berkala
        `),
      },
    ],
  },
  {
    code: 'BRA',
    name: 'Smart Branding',
    gist: 'penguatan citra daerah melalui pemasaran pariwisata, promosi bisnis dan penataan wajah kota',
    subs: [
      {
        code: 'BRA.tourism',
        names: ['Branding Pariwisata', 'Pemasaran Pariwisata'],
        topics: ['promosi destinasi wisata', 'kalender event pariwisata', 'desa wisata', 'informasi bagi wisatawan', 'festival budaya'],
        issues: [
          'informasi destinasi yang tersebar dan tidak mutakhir',
          'kunjungan wisatawan yang masih terpusat pada musim liburan',
          'promosi yang belum memanfaatkan media digital',
          'kesiapan pelaku wisata dalam layanan digital yang masih rendah',
        ],
        goals: [
          'destinasi yang dikenal luas',
          'lama tinggal wisatawan yang meningkat',
          'pariwisata yang memberi manfaat bagi warga',
          'citra daerah sebagai tujuan wisata unggulan',
        ],
        agencies: ['pariwisata', 'diskominfo'],
        indicators: [
          { name: 'Jumlah kunjungan wisatawan', unit: 'Orang', from: 350000, step: 40000 },
          { name: 'Desa wisata yang memasarkan paket wisata secara daring', unit: 'Desa', from: 6, step: 4 },
        ],
        objects: objects(`
          sys|Sistem Informasi Destinasi Wisata|peta digital destinasi, paket wisata dan ulasan wisatawan dalam satu aplikasi|Aplikasi Jelajah Wisata
          sys|Kalender Event Pariwisata Digital|jadwal festival dan atraksi budaya sepanjang tahun yang dapat dibagikan ke agen perjalanan|Kalender Event Daring
          place|Desa Wisata Digital|paket wisata desa yang dipesan dan dibayar secara daring serta dikelola kelompok sadar wisata
          svc|Promosi Pariwisata Melalui Media Sosial|konten video dan foto destinasi yang diproduksi bersama kreator konten lokal
          svc|Tiket Elektronik Objek Wisata|pembelian tiket masuk objek wisata secara daring dengan pemindaian kode QR di gerbang|e-Tiket Wisata
          place|Pusat Informasi Pariwisata|layanan informasi wisatawan dengan layar interaktif dan pemesanan pemandu lokal|Tourism Information Center
          sys|Tur Virtual Destinasi Unggulan|tur virtual 360 derajat destinasi unggulan untuk pameran dan promosi daring|Virtual Tour
          prog|Festival Budaya Tahunan Berbasis Digital|festival budaya yang dipromosikan dan dijual tiketnya secara daring serta disiarkan langsung
          prog|Pemasaran Digital bagi Kelompok Sadar Wisata|pendampingan pokdarwis dalam pemasaran digital dan pelayanan wisatawan
          svc|Wi-Fi Publik di Kawasan Wisata|akses internet gratis di destinasi unggulan dengan halaman muka promosi daerah
        `),
      },
      {
        code: 'BRA.business',
        names: ['Branding Bisnis', 'Promosi Bisnis dan Investasi'],
        topics: ['promosi investasi', 'produk unggulan daerah', 'iklim investasi', 'temu bisnis', 'merek produk lokal'],
        issues: [
          'profil peluang investasi yang belum tersedia dalam format digital',
          'produk unggulan yang belum memiliki merek dan kemasan yang menarik',
          'informasi lahan dan perizinan yang sulit diperoleh investor',
          'promosi produk yang masih mengandalkan pameran fisik',
        ],
        goals: [
          'iklim investasi yang kondusif',
          'produk unggulan yang dikenal di pasar nasional',
          'nilai investasi yang meningkat',
          'citra daerah yang ramah usaha',
        ],
        agencies: ['dpmptsp', 'perindag', 'kukm'],
        indicators: [
          { name: 'Nilai realisasi investasi', unit: 'Rp miliar', from: 850, step: 120 },
          { name: 'Produk unggulan daerah yang memiliki merek terdaftar', unit: 'Produk', from: 25, step: 10 },
        ],
        objects: objects(`
          sys|Sistem Informasi Peluang Investasi|profil potensi dan peluang investasi daerah dalam dua bahasa dengan data lahan dan perizinan|Portal Investasi
          prog|Forum Investasi Daerah|temu usaha dengan calon investor yang difasilitasi secara hibrida dan didukung data peluang investasi
          svc|Promosi Produk Unggulan Daerah|katalog produk unggulan di lokapasar dan pameran virtual sepanjang tahun
          prog|Merek Kolektif Produk Lokal|pendaftaran merek kolektif dan desain kemasan bersama bagi produk lokal|Merek Kolektif
          sys|Peta Potensi Investasi Berbasis Spasial|peta interaktif kawasan peruntukan investasi yang terhubung dengan rencana tata ruang
          place|Galeri Investasi Daerah|ruang pamer potensi daerah dengan layar interaktif di kantor pelayanan|Galeri Investasi
          svc|Layanan Pendampingan Investor|pendampingan calon investor dari pengurusan izin sampai operasional oleh petugas khusus
          sys|Direktori Pelaku Usaha Daerah|basis data pelaku usaha yang dapat dicari calon mitra dan pembeli
          prog|Temu Bisnis Produk Unggulan dengan Pembeli Luar Daerah|pertemuan bisnis berkala antara produsen lokal dan pembeli dari luar daerah secara daring
          prog|Sertifikasi Mutu Produk Unggulan|pendampingan sertifikasi halal, SNI dan izin edar produk unggulan daerah
        `),
      },
      {
        code: 'BRA.city_appearance',
        names: ['Wajah Kota', 'Penataan Wajah Kota'],
        topics: ['penataan wajah kota', 'taman kota', 'ruang terbuka publik', 'ikon kota', 'estetika kawasan pusat kota'],
        issues: [
          'ruang publik yang belum tertata dan kurang terawat',
          'reklame yang dipasang tanpa penataan',
          'penanda wilayah yang belum mencerminkan identitas daerah',
          'kawasan pusat kota yang belum ramah pejalan kaki',
        ],
        goals: [
          'wajah kota yang tertata dan berkarakter',
          'ruang publik yang nyaman bagi semua warga',
          'identitas visual daerah yang kuat',
          'kawasan yang ramah pejalan kaki',
        ],
        agencies: ['pupr', 'perkim', 'satpolpp'],
        indicators: [
          { name: 'Taman kota yang dilengkapi fasilitas publik digital', unit: 'Lokasi', from: 3, step: 2 },
          { name: 'Luas ruang terbuka publik yang tertata', unit: 'Ha', from: 12, step: 3 },
        ],
        objects: objects(`
          place|Taman Kota Tematik|taman kota dengan Wi-Fi publik, papan informasi digital dan fasilitas ramah anak|Taman Tematik
          place|Ikon Daerah di Gerbang Kota|penanda wilayah dengan desain identitas visual daerah dan pencahayaan dekoratif
          place|Ruang Terbuka Publik Ramah Keluarga|ruang terbuka publik dengan fasilitas olahraga, bermain dan berkumpul warga
          prog|Penataan Reklame dan Papan Informasi Kota|penataan titik reklame dengan perizinan daring dan peta lokasi reklame|Peta Reklame Daring
          place|Koridor Pejalan Kaki Pusat Kota|trotoar lebar, jalur pemandu disabilitas dan penanda arah di kawasan pusat kota
          place|Alun-Alun sebagai Ruang Publik Kreatif|alun-alun yang menjadi tempat pertunjukan dan kegiatan kreatif warga dengan jadwal yang diumumkan daring
          prog|Penataan Kawasan Kota Lama|penataan fasad bangunan bersejarah dan papan cerita sejarah berkode QR
          sys|Papan Informasi Digital di Ruang Publik|layar informasi di titik strategis yang menampilkan informasi layanan dan agenda daerah|Videotron Informasi
          prog|Identitas Visual Daerah|panduan identitas visual, logo destinasi dan slogan daerah yang dipakai seluruh perangkat daerah|Logo dan Slogan Daerah
          place|Lampu Hias dan Taman Median Kota|penataan median jalan utama dengan tanaman hias dan lampu dekoratif
        `),
      },
    ],
  },
  {
    code: 'ECO',
    name: 'Smart Economy',
    gist: 'ekosistem ekonomi daerah yang berdaya saing, inklusif dan didukung transaksi digital',
    subs: [
      {
        code: 'ECO.industry',
        names: ['Ekosistem Industri', 'Ekosistem Industri yang Berdaya Saing'],
        topics: ['pemasaran produk UMKM', 'ekonomi kreatif', 'koperasi', 'pasar rakyat', 'industri pengolahan hasil pertanian'],
        issues: [
          'pelaku UMKM yang belum memanfaatkan pemasaran daring',
          'akses permodalan yang terbatas',
          'kemasan dan standar mutu produk yang belum memadai',
          'data pelaku usaha yang belum terpadu',
        ],
        goals: [
          'UMKM yang naik kelas',
          'nilai tambah produk lokal',
          'ekosistem ekonomi kreatif yang tumbuh',
          'pasar rakyat yang modern dan bersih',
        ],
        agencies: ['kukm', 'perindag', 'pertanian'],
        indicators: [
          { name: 'UMKM yang memasarkan produk secara daring', unit: 'Unit', from: 1200, step: 400 },
          { name: 'Koperasi aktif yang menggunakan aplikasi pembukuan', unit: 'Koperasi', from: 20, step: 12 },
        ],
        objects: objects(`
          sys|Galeri UMKM Daring|etalase produk UMKM yang terhubung dengan lokapasar nasional dan layanan kurir lokal|Galeri UMKM Daring
          prog|Inkubator Bisnis Ekonomi Kreatif|pendampingan wirausaha muda di bidang kriya, kuliner dan konten digital|Inkubator Kreatif
          sys|Sistem Informasi Koperasi dan UMKM|basis data pelaku usaha, perizinan dan riwayat pembinaan koperasi serta UMKM|SI-KUMKM
          dig|Pasar Rakyat|pembayaran nontunai, informasi harga harian dan pemesanan antar dari pasar rakyat|Pasar Rakyat Digital
          place|Rumah Kemasan UMKM|layanan desain dan cetak kemasan serta label bagi produk UMKM|Rumah Kemasan
          sys|Aplikasi Pemasaran Hasil Pertanian|penjualan langsung hasil pertanian dari kelompok tani kepada pembeli|Aplikasi Tani Niaga
          dig|Sentra Industri Kecil|pencatatan produksi, pemasaran daring dan pembayaran digital di sentra industri kecil
          place|Kawasan Industri Kecil dan Menengah|kawasan industri kecil dengan layanan perizinan dan logistik bersama
          sys|Sistem Informasi Harga Komoditas|informasi harga bahan pokok harian di pasar-pasar daerah melalui aplikasi dan papan digital|Info Harga Pangan
          prog|Pendampingan Ekspor Produk UMKM|pendampingan kurasi, sertifikasi dan pemasaran ekspor bagi UMKM terpilih
        `),
      },
      {
        code: 'ECO.welfare',
        names: ['Kesejahteraan', 'Peningkatan Kesejahteraan Masyarakat'],
        topics: [
          'penanggulangan kemiskinan',
          'perluasan lapangan kerja',
          'penyaluran bantuan sosial',
          'perlindungan sosial',
          'pendapatan keluarga',
        ],
        issues: [
          'data penerima bantuan yang belum tepat sasaran',
          'angka pengangguran terbuka usia muda yang masih tinggi',
          'informasi lowongan kerja yang belum menjangkau desa',
          'program penanggulangan kemiskinan yang berjalan sendiri-sendiri',
        ],
        goals: [
          'bantuan sosial yang tepat sasaran',
          'angka kemiskinan yang menurun',
          'lapangan kerja yang lebih luas',
          'pendapatan keluarga yang meningkat',
        ],
        agencies: ['sosial', 'naker', 'dpmd', 'bappeda'],
        indicators: [
          { name: 'Persentase penduduk miskin', unit: '%', from: 11.8, step: -0.5 },
          { name: 'Tingkat pengangguran terbuka', unit: '%', from: 5.6, step: -0.3 },
        ],
        objects: objects(`
          sys|Data Terpadu Kesejahteraan Sosial|pemutakhiran data penerima bantuan secara berkala oleh operator desa dengan verifikasi berjenjang|DTKS Online
          sys|Bursa Kerja Daring|informasi lowongan kerja, pendaftaran pencari kerja dan pencocokan dengan perusahaan|Bursa Kerja Online
          prog|Pelatihan Kerja Berbasis Kompetensi|pelatihan keterampilan sesuai kebutuhan industri dengan pendaftaran daring dan sertifikasi
          sys|Sistem Informasi Penanggulangan Kemiskinan|dasbor sasaran dan intervensi penanggulangan kemiskinan lintas perangkat daerah
          svc|Penyaluran Bantuan Sosial Nontunai|bantuan sosial daerah yang disalurkan melalui rekening penerima dan dipantau secara daring
          sys|Sistem Layanan dan Rujukan Terpadu|pelayanan satu pintu bagi keluarga miskin untuk rujukan program perlindungan sosial|SLRT
          sys|Sistem Informasi Ketenagakerjaan|data tenaga kerja, pelatihan dan penempatan kerja yang terhubung dengan sistem nasional
          prog|Kewirausahaan bagi Keluarga Prasejahtera|pendampingan usaha dan akses permodalan bagi keluarga prasejahtera
          prog|Padat Karya Berbasis Data Desa|kegiatan padat karya yang sasarannya ditetapkan dari data kesejahteraan desa
          sys|Kartu Sejahtera Terpadu|kartu tunggal penerima layanan sosial daerah dengan kode QR untuk verifikasi|Kartu Sejahtera
        `),
      },
      {
        code: 'ECO.finance',
        names: ['Ekosistem Transaksi Keuangan', 'Elektronifikasi Transaksi Keuangan Daerah'],
        topics: ['transaksi nontunai', 'pembayaran pajak daerah', 'retribusi daerah', 'keuangan digital', 'pembayaran digital di pasar'],
        issues: [
          'pembayaran pajak dan retribusi yang masih tunai',
          'kebocoran penerimaan retribusi di lapangan',
          'literasi keuangan digital pelaku usaha yang masih rendah',
          'kanal pembayaran yang terbatas',
        ],
        goals: [
          'transaksi pemerintah daerah yang sepenuhnya nontunai',
          'penerimaan daerah yang meningkat dan transparan',
          'kanal pembayaran yang beragam',
          'inklusi keuangan masyarakat',
        ],
        agencies: ['bapenda', 'bpkad', 'perekonomian'],
        indicators: [
          { name: 'Indeks Elektronifikasi Transaksi Pemda', unit: '%', from: 72, step: 5 },
          { name: 'Penerimaan pajak daerah melalui kanal nontunai', unit: '%', from: 35, step: 12 },
        ],
        objects: objects(`
          svc|Pembayaran Pajak Daerah Nontunai|pembayaran pajak daerah melalui bank, gerai ritel, dompet digital dan QRIS|e-Pajak
          svc|Retribusi Pasar Nontunai|penarikan retribusi pasar menggunakan kartu dan QRIS yang tercatat langsung di kas daerah|e-Retribusi
          prog|Tim Percepatan dan Perluasan Digitalisasi Daerah|koordinasi elektronifikasi transaksi pemerintah daerah bersama perbankan dan Bank Indonesia|TP2DD
          svc|QRIS di Pasar dan Objek Wisata|pemasangan QRIS di pedagang pasar dan pengelola objek wisata dengan pendampingan bank
          sys|Sistem Informasi Pendapatan Daerah|pendataan, penetapan dan pembayaran pajak daerah dalam satu sistem|SIPD Pendapatan
          prog|Literasi Keuangan Digital bagi Pelaku Usaha|pelatihan penggunaan pembayaran digital dan pembukuan sederhana bagi pelaku usaha mikro
          svc|Pembayaran PBB-P2 Melalui Kanal Digital|cek tagihan dan pembayaran PBB-P2 dari ponsel dengan bukti bayar elektronik|PBB Online
          sys|Sistem Keuangan Desa Terintegrasi|pengelolaan keuangan desa yang terhubung dengan pembayaran nontunai dan pelaporan daring
          svc|Layanan Keuangan Digital di Desa|agen layanan keuangan tanpa kantor di desa bekerja sama dengan bank daerah
          svc|Transaksi Nontunai Belanja Daerah|pembayaran belanja daerah melalui kartu kredit pemerintah daerah dan transfer elektronik|KKPD
        `),
      },
    ],
  },
  {
    code: 'LIV',
    name: 'Smart Living',
    gist: 'kualitas hidup warga yang layak melalui tata ruang yang harmonis, layanan kesehatan dan transportasi yang baik',
    subs: [
      {
        code: 'LIV.harmony',
        names: ['Harmonisasi dan Tata Ruang', 'Harmonisasi Tata Ruang Wilayah'],
        topics: ['rencana tata ruang', 'perizinan bangunan gedung', 'kawasan permukiman', 'perumahan layak huni', 'informasi spasial'],
        issues: [
          'informasi rencana tata ruang yang sulit diakses warga',
          'pemanfaatan ruang yang tidak sesuai peruntukan',
          'kawasan permukiman kumuh di bantaran sungai',
          'data rumah tidak layak huni yang belum mutakhir',
        ],
        goals: [
          'pemanfaatan ruang yang tertib',
          'permukiman yang layak dan sehat',
          'informasi spasial yang terbuka',
          'kepastian ruang bagi investasi dan warga',
        ],
        agencies: ['pupr', 'perkim', 'bappeda'],
        indicators: [
          { name: 'Luas kawasan permukiman kumuh', unit: 'Ha', from: 86, step: -12 },
          { name: 'Rumah tidak layak huni yang ditangani', unit: 'Unit', from: 300, step: 150 },
        ],
        objects: objects(`
          sys|Sistem Informasi Tata Ruang|peta rencana tata ruang yang dapat diakses warga beserta informasi kesesuaian pemanfaatan ruang|SITARU
          svc|Persetujuan Bangunan Gedung Daring|pengajuan dan pemantauan persetujuan bangunan gedung melalui SIMBG dengan konsultasi daring|PBG Online
          sys|Sistem Informasi Perumahan dan Permukiman|data perumahan, kawasan kumuh dan prasarana permukiman dalam satu peta|SI-Perkim
          sys|Geoportal Daerah|simpul jaringan informasi geospasial yang menyajikan peta tematik perangkat daerah|Geoportal
          prog|Penataan Permukiman Kumuh Berbasis Data|penanganan kawasan kumuh yang diprioritaskan dengan data spasial dan partisipasi warga
          sys|Sistem Informasi Prasarana, Sarana dan Utilitas|pencatatan serah terima prasarana perumahan dari pengembang secara daring
          place|Rumah Susun Sederhana Sewa|hunian sewa bagi masyarakat berpenghasilan rendah dengan pendaftaran penghuni secara daring
          sys|Pengendalian Pemanfaatan Ruang Berbasis Citra Satelit|pemantauan perubahan penggunaan lahan dari citra satelit dan laporan warga
          svc|Layanan Informasi Kesesuaian Tata Ruang|layanan informasi kesesuaian kegiatan pemanfaatan ruang bagi warga dan pelaku usaha|KKPR Online
          sys|Basis Data Rumah Tidak Layak Huni|pendataan rumah tidak layak huni oleh fasilitator desa dengan foto dan titik lokasi
        `),
      },
      {
        code: 'LIV.health',
        names: ['Kesehatan', 'Pelayanan Kesehatan'],
        topics: ['layanan puskesmas', 'rujukan rumah sakit', 'penanganan stunting', 'layanan ambulans', 'data kesehatan warga'],
        issues: [
          'rekam medis yang masih tertulis di kertas',
          'rujukan antarfasilitas kesehatan yang lambat',
          'prevalensi stunting yang masih di atas target nasional',
          'akses layanan kesehatan di desa terpencil yang terbatas',
        ],
        goals: [
          'layanan kesehatan yang mudah dijangkau',
          'angka stunting yang menurun',
          'data kesehatan yang terpadu',
          'penanganan kegawatdaruratan yang cepat',
        ],
        agencies: ['kesehatan', 'rsud'],
        indicators: [
          { name: 'Prevalensi stunting', unit: '%', from: 24.5, step: -2.5 },
          { name: 'Puskesmas yang menerapkan rekam medis elektronik', unit: 'Puskesmas', from: 5, step: 5 },
        ],
        objects: objects(`
          sys|Sistem Informasi Kesehatan Daerah|data layanan puskesmas, rumah sakit dan program kesehatan yang terhubung dengan SATUSEHAT|SIKDA
          svc|Layanan Ambulans Gratis Terpadu|panggilan ambulans melalui nomor tunggal dengan pelacakan posisi ambulans terdekat|Ambulans Gratis
          sys|Rekam Medis Elektronik di Puskesmas|rekam medis elektronik pasien yang dapat diakses antarfasilitas kesehatan dengan persetujuan pasien
          svc|Telemedisin Puskesmas dan Rumah Sakit|konsultasi dokter spesialis dari puskesmas ke rumah sakit daerah melalui video|Telemedisin
          sys|Aplikasi Pemantauan Stunting|pencatatan tumbuh kembang balita oleh kader posyandu dengan peringatan dini risiko stunting|Aplikasi Cegah Stunting
          svc|Pendaftaran Daring Rumah Sakit Umum Daerah|pendaftaran pasien rawat jalan dari rumah dengan jadwal dokter dan estimasi waktu layanan|Pendaftaran Online RSUD
          dig|Pos Pelayanan Terpadu|pencatatan kegiatan posyandu dan data ibu hamil serta balita melalui tablet kader|Posyandu Digital
          sys|Sistem Rujukan Terintegrasi|rujukan pasien antarfasilitas kesehatan dengan informasi ketersediaan layanan secara langsung
          svc|Layanan Kesehatan Keliling di Desa Terpencil|kunjungan berkala tenaga kesehatan ke desa terpencil yang dijadwalkan dan dilaporkan melalui aplikasi
          sys|Informasi Ketersediaan Tempat Tidur Rumah Sakit|informasi tempat tidur rawat inap yang tersedia di setiap rumah sakit dan diperbarui setiap jam
        `),
      },
      {
        code: 'LIV.mobility',
        names: ['Transportasi', 'Transportasi dan Mobilitas'],
        topics: ['angkutan umum', 'manajemen lalu lintas', 'perparkiran', 'kondisi jalan daerah', 'angkutan perdesaan'],
        issues: [
          'angkutan umum yang tidak terjadwal',
          'kemacetan pada jam sibuk di simpang utama',
          'penerimaan parkir yang belum optimal',
          'laporan kerusakan jalan yang lambat ditangani',
        ],
        goals: [
          'mobilitas warga yang aman dan lancar',
          'angkutan umum yang terjadwal',
          'penerimaan parkir yang transparan',
          'jalan daerah dalam kondisi mantap',
        ],
        agencies: ['perhubungan', 'pupr'],
        indicators: [
          { name: 'Simpang yang dilengkapi pengatur lalu lintas adaptif', unit: 'Simpang', from: 2, step: 2 },
          { name: 'Jalan kabupaten dalam kondisi mantap', unit: '%', from: 68, step: 4 },
        ],
        objects: objects(`
          sys|Sistem Informasi Angkutan Umum|jadwal, rute dan posisi angkutan umum yang dapat dipantau penumpang melalui aplikasi
          place|Area Traffic Control System|pengaturan lampu lalu lintas adaptif di simpang utama yang dipantau dari ruang kendali|ATCS
          svc|Parkir Elektronik|pembayaran parkir tepi jalan dengan QRIS dan juru parkir yang tercatat secara elektronik|e-Parking
          place|Halte Pintar|halte dengan informasi kedatangan angkutan, Wi-Fi dan kamera pengawas
          sys|Pengujian Kendaraan Bermotor Elektronik|pendaftaran uji berkala dan kartu uji elektronik bagi kendaraan angkutan|BLUe
          svc|Angkutan Perdesaan Terjadwal|angkutan perdesaan dengan jadwal tetap yang dapat dipesan melalui aplikasi|Angdes Terjadwal
          sys|Aplikasi Pelaporan Kerusakan Jalan|laporan warga tentang jalan rusak dengan foto dan titik lokasi yang diteruskan ke dinas teknis|Lapor Jalan Rusak
          place|Terminal Penumpang Terintegrasi|terminal penumpang dengan tiket elektronik dan informasi keberangkatan digital
          sys|Sistem Informasi Jaringan Jalan|data ruas jalan, kondisi dan riwayat penanganan jalan dalam peta digital
          svc|Layanan Transportasi Ramah Disabilitas|armada dan layanan pemesanan angkutan bagi penyandang disabilitas dan lansia
        `),
      },
    ],
  },
  {
    code: 'SOC',
    name: 'Smart Society',
    gist: 'masyarakat yang cerdas, berdaya dan aman melalui komunitas yang aktif, ekosistem belajar dan rasa aman',
    subs: [
      {
        code: 'SOC.community',
        names: ['Komunitas', 'Penguatan Komunitas Masyarakat'],
        topics: ['kerukunan umat beragama', 'partisipasi masyarakat', 'komunitas kreatif', 'organisasi kepemudaan', 'gotong royong warga'],
        issues: [
          'partisipasi warga dalam perencanaan yang masih rendah',
          'komunitas kreatif yang belum memiliki ruang berkegiatan',
          'data organisasi kemasyarakatan yang belum mutakhir',
          'potensi konflik sosial yang belum terpetakan',
        ],
        goals: [
          'masyarakat yang rukun dan partisipatif',
          'komunitas yang aktif dan kreatif',
          'generasi muda yang berdaya',
          'semangat gotong royong yang terjaga',
        ],
        agencies: ['kesbangpol', 'dpmd', 'pora', 'sosial'],
        indicators: [
          { name: 'Komunitas yang terdaftar dan aktif berkegiatan', unit: 'Komunitas', from: 40, step: 10 },
          { name: 'Relawan TIK yang aktif di desa', unit: 'Orang', from: 60, step: 30 },
        ],
        objects: objects(`
          sys|Aplikasi Kegiatan Kerukunan Umat Beragama|jadwal kegiatan lintas agama dan pelaporan potensi gangguan kerukunan oleh tokoh masyarakat
          prog|Forum Komunitas Kreatif|wadah pertemuan komunitas kreatif dengan agenda kegiatan yang diumumkan secara daring
          sys|Sistem Informasi Organisasi Kemasyarakatan|pendaftaran dan pembaruan data organisasi kemasyarakatan secara daring|SI-Ormas
          prog|Relawan Teknologi Informasi dan Komunikasi Desa|relawan TIK yang mendampingi warga desa menggunakan layanan digital|Relawan TIK
          place|Ruang Kreatif Pemuda|ruang berkegiatan pemuda dengan internet cepat, studio konten dan jadwal yang dipesan daring|Ruang Kreatif
          sys|Kanal Partisipasi Warga|usulan, jajak pendapat dan diskusi warga tentang rencana pembangunan di tingkat kelurahan
          prog|Gotong Royong Digital Tingkat Rukun Tetangga|pengumuman, iuran dan kegiatan warga RT yang dikelola melalui aplikasi sederhana
          sys|Sistem Informasi Kepemudaan dan Olahraga|data organisasi pemuda, atlet dan fasilitas olahraga beserta pemesanan fasilitas
          prog|Festival Komunitas Digital|pameran karya komunitas dan kompetisi aplikasi karya anak daerah|Festival Komunitas
          svc|Forum Warga Daring|ruang diskusi daring antara warga dan camat tentang persoalan lingkungan tempat tinggal
        `),
      },
      {
        code: 'SOC.learning',
        names: ['Ekosistem Belajar', 'Pendidikan dan Ekosistem Belajar'],
        topics: [
          'pembelajaran digital di sekolah',
          'literasi digital masyarakat',
          'perpustakaan daerah',
          'penerimaan peserta didik',
          'kompetensi guru',
        ],
        issues: [
          'akses internet sekolah di wilayah pinggiran yang terbatas',
          'minat baca masyarakat yang masih rendah',
          'kompetensi guru dalam pembelajaran digital yang belum merata',
          'data pendidikan yang belum terpadu',
        ],
        goals: [
          'sekolah yang terhubung dan berkualitas',
          'masyarakat yang literat secara digital',
          'minat baca yang meningkat',
          'kesempatan belajar sepanjang hayat',
        ],
        agencies: ['pendidikan', 'arsip', 'diskominfo'],
        indicators: [
          { name: 'Sekolah yang terhubung internet', unit: '%', from: 62, step: 8 },
          { name: 'Indeks Pembangunan Literasi Masyarakat', unit: 'Indeks', from: 58, step: 3 },
        ],
        objects: objects(`
          place|Perpustakaan Digital|koleksi buku elektronik daerah yang dapat dipinjam melalui aplikasi|Perpustakaan Digital
          sys|Penerimaan Peserta Didik Baru Daring|pendaftaran, seleksi dan pengumuman penerimaan peserta didik baru secara daring|PPDB Online
          sys|Platform Belajar Daring Sekolah|kelas daring, bank soal dan materi ajar guru daerah dalam satu platform
          prog|Literasi Digital Masyarakat|pelatihan literasi digital bagi warga, orang tua dan pelaku usaha di setiap kecamatan|Gerakan Literasi Digital
          place|Sekolah Berbasis Teknologi Informasi|sekolah percontohan dengan kelas digital, internet cepat dan sistem manajemen sekolah
          sys|Sistem Informasi Manajemen Sekolah|data siswa, guru, sarana dan nilai yang terhubung dengan Dapodik
          place|Pojok Baca Digital di Ruang Publik|pojok baca dengan kode QR koleksi buku elektronik di taman, terminal dan kantor layanan|Pojok Baca Digital
          prog|Pelatihan Guru dalam Pembelajaran Digital|pelatihan berjenjang guru dalam merancang dan mengelola pembelajaran digital
          sys|Beasiswa Daerah Daring|pendaftaran, seleksi dan pemantauan penerima beasiswa daerah secara daring|Beasiswa Online
          place|Taman Bacaan Masyarakat Desa|taman bacaan di desa dengan koleksi buku elektronik dan kegiatan literasi anak
        `),
      },
      {
        code: 'SOC.security',
        names: ['Keamanan', 'Keamanan dan Ketertiban'],
        topics: ['ketertiban umum', 'penanggulangan bencana', 'layanan kedaruratan', 'pemadaman kebakaran', 'keamanan informasi'],
        issues: [
          'waktu tanggap kedaruratan yang masih lama',
          'wilayah rawan bencana yang belum memiliki peringatan dini',
          'titik rawan gangguan ketertiban yang belum terpantau',
          'insiden keamanan informasi pada situs pemerintah daerah',
        ],
        goals: [
          'warga yang merasa aman',
          'waktu tanggap kedaruratan yang singkat',
          'masyarakat yang tangguh menghadapi bencana',
          'sistem elektronik pemerintah yang aman',
        ],
        agencies: ['satpolpp', 'bpbd', 'damkar', 'diskominfo'],
        indicators: [
          { name: 'Waktu tanggap layanan kedaruratan', unit: 'Menit', from: 25, step: -3 },
          { name: 'Desa tangguh bencana', unit: 'Desa', from: 8, step: 5 },
        ],
        objects: objects(`
          place|Sistem Peringatan Dini Bencana|sensor muka air dan sirene peringatan dini yang terhubung dengan pusat pengendalian operasi|EWS Bencana
          svc|Layanan Kedaruratan 112|nomor tunggal panggilan darurat yang terhubung dengan ambulans, pemadam kebakaran dan kepolisian|Call Center 112
          place|Kamera Pengawas di Titik Rawan|kamera pengawas di simpang dan ruang publik yang dipantau dari ruang kendali|CCTV Publik
          sys|Aplikasi Tanggap Darurat Bencana|pelaporan kejadian bencana oleh warga dengan foto dan titik lokasi serta informasi pengungsian
          sys|Sistem Informasi Ketertiban Umum|pencatatan penertiban dan laporan gangguan ketertiban dengan peta sebaran
          place|Pos Pemadam Kebakaran Terpadu|pos pemadam kebakaran di kecamatan dengan panggilan darurat dan pelacakan armada
          sys|Peta Rawan Bencana Digital|peta kerawanan bencana per desa yang dapat diakses warga dan perangkat desa|InaRISK Daerah
          prog|Desa Tangguh Bencana|pembentukan dan pelatihan relawan desa tangguh bencana dengan grup komunikasi darurat
          sys|Pelaporan Gangguan Keamanan Lingkungan|laporan warga tentang gangguan keamanan lingkungan yang diteruskan kepada petugas terdekat
          prog|Tim Tanggap Insiden Siber Daerah|penanganan insiden keamanan informasi pada sistem elektronik pemerintah daerah|CSIRT Daerah
        `),
      },
    ],
  },
  {
    code: 'ENV',
    name: 'Smart Environment',
    gist: 'lingkungan hidup yang lestari melalui proteksi lingkungan, pengelolaan sampah dan limbah serta tata kelola energi',
    subs: [
      {
        code: 'ENV.protection',
        names: ['Proteksi Lingkungan', 'Perlindungan Lingkungan Hidup'],
        topics: [
          'pemantauan kualitas udara',
          'pemantauan kualitas air sungai',
          'penghijauan',
          'konservasi pesisir',
          'pengendalian pencemaran',
        ],
        issues: [
          'pencemaran sungai oleh limpasan kegiatan usaha',
          'data kualitas udara yang belum dipantau terus-menerus',
          'alih fungsi lahan hijau',
          'kerusakan ekosistem pesisir',
        ],
        goals: [
          'kualitas air dan udara yang terjaga',
          'tutupan hijau yang bertambah',
          'pencemaran yang terkendali',
          'ekosistem pesisir yang lestari',
        ],
        agencies: ['lingkungan'],
        indicators: [
          { name: 'Indeks Kualitas Lingkungan Hidup', unit: 'Indeks', from: 66, step: 1.2 },
          { name: 'Titik pemantauan kualitas air sungai otomatis', unit: 'Titik', from: 2, step: 2 },
        ],
        objects: objects(`
          sys|Pemantauan Kualitas Udara Otomatis|stasiun pemantau kualitas udara yang menayangkan data secara langsung di papan informasi dan aplikasi
          sys|Pemantauan Kualitas Air Sungai|sensor kualitas air di sungai utama yang terhubung dengan dasbor dinas|Onlimo Sungai
          prog|Penghijauan Daerah Aliran Sungai|penanaman pohon di daerah aliran sungai dengan pemantauan pertumbuhan berbasis foto dan titik lokasi
          sys|Pengaduan Pencemaran Lingkungan|laporan warga tentang dugaan pencemaran yang diverifikasi dan ditindaklanjuti petugas
          svc|Persetujuan Lingkungan Daring|pengajuan dan penilaian dokumen lingkungan secara daring dengan status yang dapat dilacak
          prog|Konservasi Mangrove Berbasis Masyarakat|rehabilitasi mangrove oleh kelompok masyarakat pesisir dengan pemantauan citra satelit
          sys|Inventarisasi Emisi Gas Rumah Kaca|penghitungan emisi gas rumah kaca daerah setiap tahun dengan aplikasi SIGN SMART
          prog|Kampung Iklim|pendampingan kampung dalam adaptasi dan mitigasi perubahan iklim|ProKlim
          sys|Pemantauan Tutupan Hutan|pemantauan perubahan tutupan hutan dan lahan dari citra satelit setiap triwulan
          prog|Sekolah Adiwiyata|pendampingan sekolah peduli dan berbudaya lingkungan
        `),
      },
      {
        code: 'ENV.waste',
        names: ['Tata Kelola Sampah dan Limbah', 'Pengelolaan Sampah dan Limbah'],
        topics: ['pengelolaan sampah rumah tangga', 'bank sampah', 'pengangkutan sampah', 'pengolahan limbah', 'daur ulang'],
        issues: [
          'timbulan sampah yang terus bertambah',
          'sampah yang belum terpilah dari sumbernya',
          'jadwal pengangkutan sampah yang belum teratur',
          'TPA yang mendekati batas daya tampung',
        ],
        goals: [
          'sampah yang berkurang dari sumbernya',
          'sampah yang tertangani sepenuhnya',
          'nilai ekonomi dari daur ulang',
          'limbah yang terkelola dengan aman',
        ],
        agencies: ['lingkungan', 'perkim'],
        indicators: [
          { name: 'Sampah yang tertangani', unit: '%', from: 64, step: 6 },
          { name: 'Bank sampah aktif', unit: 'Unit', from: 30, step: 15 },
        ],
        objects: objects(`
          dig|Bank Sampah|pencatatan setoran, tabungan dan penjualan sampah anggota bank sampah melalui aplikasi|Bank Sampah Digital
          place|Tempat Pengolahan Sampah Reduce, Reuse, Recycle|pengolahan sampah di tingkat desa dengan pencatatan volume sampah terolah|TPS 3R
          sys|Sistem Informasi Pengelolaan Sampah|data timbulan, pengangkutan dan pengolahan sampah yang terhubung dengan SIPSN|SIPSN Daerah
          svc|Pengangkutan Sampah Terjadwal|jadwal dan rute armada pengangkut sampah yang dapat dipantau warga melalui aplikasi|Jemput Sampah
          place|Tempat Pemrosesan Akhir Sampah Sistem Lahan Urug Terkendali|pengoperasian TPA dengan jembatan timbang elektronik dan pencatatan volume sampah
          prog|Pengolahan Sampah Organik Menjadi Kompos dan Maggot|pengolahan sampah organik rumah tangga dan pasar menjadi kompos dan pakan maggot
          sys|Pemantauan Limbah Cair Industri|pelaporan swapantau limbah cair usaha dan industri secara daring
          svc|Retribusi Sampah Nontunai|pembayaran retribusi persampahan melalui QRIS dan tagihan rekening air
          prog|Gerakan Pilah Sampah dari Rumah|kampanye dan pendampingan pemilahan sampah rumah tangga di setiap kelurahan|Gerakan Pilah Sampah
          place|Instalasi Pengolahan Lumpur Tinja|layanan penyedotan lumpur tinja terjadwal yang dipesan melalui aplikasi|Layanan Sedot Tinja Terjadwal
        `),
      },
      {
        code: 'ENV.energy',
        names: ['Tata Kelola Energi', 'Energi Bersih dan Efisien'],
        topics: ['penerangan jalan umum', 'energi terbarukan', 'efisiensi energi gedung pemerintah', 'listrik desa', 'tenaga surya'],
        issues: [
          'penerangan jalan umum yang boros energi',
          'desa terpencil yang belum teraliri listrik',
          'tagihan listrik gedung pemerintah yang terus meningkat',
          'pemanfaatan energi terbarukan yang masih rendah',
        ],
        goals: [
          'penggunaan energi yang efisien',
          'bauran energi terbarukan yang meningkat',
          'seluruh desa teraliri listrik',
          'penerangan jalan yang hemat dan andal',
        ],
        agencies: ['pupr', 'perhubungan', 'perekonomian'],
        indicators: [
          { name: 'Penerangan jalan umum tenaga surya', unit: 'Titik', from: 150, step: 120 },
          { name: 'Rasio desa berlistrik', unit: '%', from: 94, step: 1.5 },
        ],
        objects: objects(`
          place|Penerangan Jalan Umum Tenaga Surya|lampu penerangan jalan tenaga surya dengan meteran pintar dan pemantauan daring|PJU Tenaga Surya
          sys|Pemantauan Penerangan Jalan Umum Pintar|pemantauan nyala dan konsumsi listrik PJU dari ruang kendali dengan laporan kerusakan otomatis|PJU Pintar
          prog|Efisiensi Energi di Gedung Pemerintah|audit energi dan pemasangan meteran listrik pintar di gedung perkantoran pemerintah daerah
          place|Pembangkit Listrik Tenaga Surya Atap|panel surya atap di kantor pemerintah, sekolah dan puskesmas|PLTS Atap
          prog|Desa Mandiri Energi|pemanfaatan energi terbarukan setempat untuk listrik dan kegiatan ekonomi desa
          sys|Sistem Informasi Energi Daerah|data pasokan, konsumsi dan potensi energi terbarukan daerah
          place|Stasiun Pengisian Kendaraan Listrik Umum|stasiun pengisian kendaraan listrik di kantor pemerintah dan kawasan wisata|SPKLU
          prog|Biogas Rumah Tangga Peternak|instalasi biogas dari kotoran ternak bagi rumah tangga peternak
          place|Pembangkit Listrik Tenaga Mikrohidro|pembangkit mikrohidro di desa terpencil yang dikelola badan usaha milik desa
          prog|Konversi Kendaraan Dinas Listrik|penggantian bertahap kendaraan dinas dengan kendaraan listrik dan pemantauan pemakaian energi
        `),
      },
    ],
  },
];

export const SUB_DIMENSIONS = DIMENSIONS.flatMap((dimension) => dimension.subs.map((sub) => ({ ...sub, dimension })));

export function subVocabulary(code: SubDimensionCode): SubDimensionVocabulary & { dimension: DimensionVocabulary } {
  const found = SUB_DIMENSIONS.find((sub) => sub.code === code);
  if (!found) throw new Error(`no vocabulary for ${code}`);
  return found;
}

/** Verbs that start programme names, by the kind of object they suit. */
export const VERBS: Record<ObjectKind, string[]> = {
  sys: ['Pengembangan', 'Penerapan', 'Implementasi', 'Integrasi', 'Penguatan', 'Optimalisasi', 'Pembangunan'],
  svc: ['Pengembangan', 'Penguatan', 'Optimalisasi', 'Perluasan', 'Penyelenggaraan', 'Peningkatan Kualitas'],
  place: ['Pembangunan', 'Revitalisasi', 'Pengembangan', 'Penataan', 'Penyediaan'],
  prog: ['Penguatan', 'Fasilitasi', 'Penyelenggaraan', 'Pelaksanaan', 'Pendampingan', 'Pengembangan'],
  dig: ['Digitalisasi', 'Transformasi Digital'],
};

/** Words that lengthen programme names ({R} is the regency). */
export const QUALIFIERS: Record<ObjectKind, string[]> = {
  sys: ['Terintegrasi', 'Berbasis Web dan Android', 'Berbasis Aplikasi Seluler', '{R}', 'di Lingkungan Pemerintah {R}', 'Secara Terpadu'],
  svc: ['Secara Daring', 'Berbasis Aplikasi', 'di Seluruh Kecamatan', 'Tingkat Desa dan Kelurahan', '{R}', 'Terintegrasi'],
  place: ['Berbasis Teknologi Informasi', 'di Kawasan Perkotaan', 'Ramah Disabilitas', '{R}', 'di Setiap Kecamatan'],
  prog: ['Berbasis Komunitas', 'di Seluruh Kecamatan', 'Secara Berkelanjutan', '{R}', 'bagi Generasi Muda'],
  dig: ['Berbasis Aplikasi', 'di Seluruh Kecamatan', '{R}', 'Terintegrasi'],
};

/** Tails added to innovation texts. */
export const INNOVATION_TAILS = [
  'yang terintegrasi dengan pusat data daerah',
  'sehingga layanan dapat diakses 24 jam',
  'dengan dasbor pemantauan bagi pimpinan daerah',
  'dan dapat diakses melalui ponsel',
  'yang datanya dibagipakaikan melalui Portal Satu Data',
  'dengan kode QR pada setiap dokumen yang diterbitkan',
  'yang dikembangkan bersama perguruan tinggi setempat',
  'dengan laporan capaian yang terbit setiap bulan',
];

export const FIRST_NAMES = [
  'Ahmad',
  'Budi',
  'Hendra',
  'Rahmat',
  'Agus',
  'Sutrisno',
  'Yusuf',
  'Irwan',
  'Fadli',
  'Dedi',
  'Bambang',
  'Andi',
  'Muhammad',
  'Slamet',
  'Darmawan',
  'Syamsul',
  'Hasanuddin',
  'Made',
  'Yohanes',
  'Ferry',
];
export const LAST_NAMES = [
  'Saputra',
  'Wijaya',
  'Hidayat',
  'Pratama',
  'Lamadjido',
  'Santoso',
  'Nugroho',
  'Tanjung',
  'Siregar',
  'Mokoginta',
  'Rahardjo',
  'Latuconsina',
  'Baso',
  'Kurniawan',
  'Wibisono',
  'Paembonan',
  'Suryadi',
  'Manafe',
  'Setiawan',
  'Lasut',
];
export const TITLES_BEFORE = ['', 'H. ', 'Drs. ', 'Ir. ', 'Dr. ', 'Drs. H. ', 'dr. '];
export const TITLES_AFTER = ['', ', S.E.', ', S.H., M.H.', ', M.Si.', ', S.Sos., M.M.', ', S.T., M.T.', ', M.A.P.'];

export const REGULATIONS = [
  'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik',
  'Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik',
  'Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023',
  'Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik sebagaimana telah diubah dengan Undang-Undang Nomor 19 Tahun 2016',
  'Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi Elektronik',
  'Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik',
  'Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia',
  'Peraturan Presiden Nomor 132 Tahun 2022 tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional',
  'Instruksi Presiden Nomor 3 Tahun 2003 tentang Kebijakan dan Strategi Nasional Pengembangan E-Government',
  'Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah',
  'Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2016 tentang Sistem Manajemen Pengamanan Informasi',
  'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 59 Tahun 2020 tentang Pemantauan dan Evaluasi Sistem Pemerintahan Berbasis Elektronik',
];

/** The agency that would lead a programme about this object, by what it is about; first match wins. */
export const AGENCY_BY_TOPIC: [RegExp, AgencyKey][] = [
  [/qris|keuangan digital di desa/i, 'perekonomian'],
  [/kependudukan|dukcapil/i, 'dukcapil'],
  [/reklame|perizinan|investasi|investor|mal pelayanan|antrean|kecamatan/i, 'dpmptsp'],
  [/kepegawaian|aparatur|presensi|kinerja|pejabat/i, 'bkpsdm'],
  [/perkantoran/i, 'organisasi'],
  [/hukum|regulasi/i, 'hukum'],
  [/musyawarah|perencanaan|monitoring|dasbor eksekutif|kemiskinan|konsultasi publik/i, 'bappeda'],
  [/pengadaan|katalog/i, 'barjas'],
  [/pengendalian internal/i, 'inspektorat'],
  [/wisata|festival budaya|destinasi|event/i, 'pariwisata'],
  [/produk|merek|temu bisnis|sentra|komoditas|kawasan industri/i, 'perindag'],
  [/umkm|koperasi|inkubator|kemasan|pasar rakyat|keuangan digital|pelaku usaha/i, 'kukm'],
  [/pertanian|tani/i, 'pertanian'],
  [/arsip|perpustakaan|baca|literasi/i, 'arsip'],
  [/bantuan sosial|kesejahteraan|rujukan terpadu|layanan dan rujukan|sejahtera/i, 'sosial'],
  [/kerja|ketenagakerjaan/i, 'naker'],
  [/pajak|pbb|pendapatan|retribusi pasar/i, 'bapenda'],
  [/belanja|tim percepatan/i, 'bpkad'],
  [/rumah sakit|tempat tidur/i, 'rsud'],
  [/kesehatan|puskesmas|stunting|pos pelayanan|ambulans|telemedisin|rujukan/i, 'kesehatan'],
  [/keamanan lingkungan|kerukunan|kemasyarakatan/i, 'kesbangpol'],
  [/sampah|limbah|lingkungan|udara|sungai|mangrove|hutan|iklim|emisi|adiwiyata|tinja/i, 'lingkungan'],
  [/energi|surya|biogas|mikrohidro|listrik/i, 'perekonomian'],
  [/tata ruang|spasial|geoportal|bangunan|pedestrian|koridor|citra satelit|jaringan jalan|kerusakan jalan/i, 'pupr'],
  [/perumahan|permukiman|rumah|kumuh|prasarana|taman|ruang terbuka|alun|median|gerbang|kota lama/i, 'perkim'],
  [/angkutan|parkir|lalu lintas|traffic|halte|terminal|kendaraan|transportasi|penerangan/i, 'perhubungan'],
  [/pemuda|olahraga|komunitas/i, 'pora'],
  [/sekolah|guru|didik|belajar|beasiswa/i, 'pendidikan'],
  [/bencana/i, 'bpbd'],
  [/kebakaran/i, 'damkar'],
  [/ketertiban/i, 'satpolpp'],
  [/desa|gotong royong|padat karya/i, 'dpmd'],
  [
    /data|portal|ruang kendali|siber|kamera|wi-fi|informasi publik|pengaduan|survei|papan informasi|identitas visual|partisipasi|forum warga|kedaruratan|relawan/i,
    'diskominfo',
  ],
];

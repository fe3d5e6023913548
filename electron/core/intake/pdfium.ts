import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFiumLibrary } from '@hyzyla/pdfium';
import { AppError } from '../../../shared/errors.ts';

/**
 * PDFium compiled to WebAssembly (@hyzyla/pdfium, MIT; PDFium is Chrome's PDF engine):
 * intake reads text with its positions, drawn lines and pictures, and renders scanned
 * pages for OCR, all from one parse of each page. The reader keeps pdf.js; this is for
 * intake only. (Measured on the 314-page bench PDF: this build reads text pages in about
 * two thirds of the time of @embedpdf/pdfium's, and in under half of pdf.js's.)
 *
 * One module per thread, loaded on first use. Every call goes straight to the
 * WebAssembly export: they take and return numbers only, and several are made per
 * character.
 */
export interface PdfiumApi {
  FPDF_LoadMemDocument(buffer: number, size: number, password: number): number;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(document: number): number;
  FPDF_CloseDocument(document: number): void;
  FPDF_LoadPage(document: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_GetPageWidthF(page: number): number;
  FPDF_GetPageHeightF(page: number): number;
  FPDF_PageToDevice(
    page: number,
    startX: number,
    startY: number,
    sizeX: number,
    sizeY: number,
    rotate: number,
    pageX: number,
    pageY: number,
    deviceX: number,
    deviceY: number,
  ): number;
  FPDFPage_CountObjects(page: number): number;
  FPDFPage_GetObject(page: number, index: number): number;
  FPDFPageObj_GetType(object: number): number;
  FPDFPageObj_GetMatrix(object: number, matrix: number): number;
  FPDFFormObj_CountObjects(form: number): number;
  FPDFFormObj_GetObject(form: number, index: number): number;
  FPDFPath_GetDrawMode(path: number, fillMode: number, stroke: number): number;
  FPDFPath_CountSegments(path: number): number;
  FPDFPath_GetPathSegment(path: number, index: number): number;
  FPDFPathSegment_GetPoint(segment: number, x: number, y: number): number;
  FPDFPathSegment_GetType(segment: number): number;
  FPDFPathSegment_GetClose(segment: number): number;
  FPDFImageObj_GetImagePixelSize(image: number, width: number, height: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
  FPDFBitmap_Create(width: number, height: number, alpha: number): number;
  FPDFBitmap_FillRect(bitmap: number, left: number, top: number, width: number, height: number, color: number): void;
  FPDFBitmap_GetBuffer(bitmap: number): number;
  FPDFBitmap_GetStride(bitmap: number): number;
  FPDFBitmap_Destroy(bitmap: number): void;
  FPDF_RenderPageBitmap(
    bitmap: number,
    page: number,
    startX: number,
    startY: number,
    sizeX: number,
    sizeY: number,
    rotate: number,
    flags: number,
  ): void;
}

const CALLS: readonly (keyof PdfiumApi)[] = [
  'FPDF_LoadMemDocument',
  'FPDF_GetLastError',
  'FPDF_GetPageCount',
  'FPDF_CloseDocument',
  'FPDF_LoadPage',
  'FPDF_ClosePage',
  'FPDF_GetPageWidthF',
  'FPDF_GetPageHeightF',
  'FPDF_PageToDevice',
  'FPDFPage_CountObjects',
  'FPDFPage_GetObject',
  'FPDFPageObj_GetType',
  'FPDFPageObj_GetMatrix',
  'FPDFFormObj_CountObjects',
  'FPDFFormObj_GetObject',
  'FPDFPath_GetDrawMode',
  'FPDFPath_CountSegments',
  'FPDFPath_GetPathSegment',
  'FPDFPathSegment_GetPoint',
  'FPDFPathSegment_GetType',
  'FPDFPathSegment_GetClose',
  'FPDFImageObj_GetImagePixelSize',
  'FPDFText_LoadPage',
  'FPDFText_ClosePage',
  'FPDFText_CountChars',
  'FPDFText_GetUnicode',
  'FPDFText_GetLooseCharBox',
  'FPDFBitmap_Create',
  'FPDFBitmap_FillRect',
  'FPDFBitmap_GetBuffer',
  'FPDFBitmap_GetStride',
  'FPDFBitmap_Destroy',
  'FPDF_RenderPageBitmap',
];

export interface Pdfium {
  api: PdfiumApi;
  heap(): { u8: Uint8Array; i32: Int32Array; f32: Float32Array };
  malloc(size: number): number;
  free(pointer: number): void;
}

interface EmscriptenModule {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPF32: Float32Array;
  /** The WebAssembly instance's own exports: without the checks the module's `_name` wrappers add to every call. */
  wasmExports?: Record<string, unknown>;
  [name: string]: unknown;
}

let loaded: Promise<Pdfium> | undefined;

export function loadPdfium(): Promise<Pdfium> {
  loaded ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@hyzyla/pdfium/pdfium.wasm'));
    const library = await PDFiumLibrary.init({
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
    });
    // The wrapper's own classes copy and allocate per call; intake uses the raw functions it holds.
    const module = (library as unknown as { module: EmscriptenModule }).module;
    const exported = (name: string) => {
      const call = module.wasmExports?.[name] ?? module[`_${name}`];
      if (typeof call !== 'function') throw new Error(`PDFium has no ${name}`);
      return call as (...args: number[]) => number;
    };
    const api = Object.fromEntries(CALLS.map((name) => [name, exported(name)])) as unknown as PdfiumApi;
    const malloc = exported('malloc');
    const free = exported('free');
    return {
      api,
      // The heap views are replaced when the memory grows: always read them afresh.
      heap: () => ({ u8: module.HEAPU8, i32: module.HEAP32, f32: module.HEAPF32 }),
      malloc: (size) => malloc(size),
      free: (pointer) => void free(pointer),
    };
  })();
  return loaded;
}

/** PDFium's FPDF_GetLastError codes. */
const ERROR_PASSWORD = 4;
const ERROR_SECURITY = 5;
const ERROR_NAMES: Record<number, string> = {
  1: 'unknown error',
  2: 'file not found or unreadable',
  3: 'not a PDF or damaged',
  6: 'page not found or damaged',
};

export interface PdfiumDocument {
  pdfium: Pdfium;
  handle: number;
  pageCount: number;
  close(): void;
}

/**
 * Open a PDF from its bytes (copied into PDFium's memory, which must hold them while the
 * document is open). Failures become messages a person can act on.
 */
export async function openPdfium(data: Uint8Array): Promise<PdfiumDocument> {
  const pdfium = await loadPdfium();
  const buffer = pdfium.malloc(data.byteLength);
  if (!buffer) throw new AppError('document.too_heavy', {});
  pdfium.heap().u8.set(data, buffer);
  const handle = pdfium.api.FPDF_LoadMemDocument(buffer, data.byteLength, 0);
  if (!handle) {
    const code = pdfium.api.FPDF_GetLastError();
    pdfium.free(buffer);
    if (code === ERROR_PASSWORD || code === ERROR_SECURITY) throw new AppError('document.encrypted');
    throw new AppError('document.corrupt', { detail: ERROR_NAMES[code] ?? `PDFium error ${code}` });
  }
  const pageCount = pdfium.api.FPDF_GetPageCount(handle);
  let open = true;
  return {
    pdfium,
    handle,
    pageCount,
    close() {
      if (!open) return;
      open = false;
      pdfium.api.FPDF_CloseDocument(handle);
      pdfium.free(buffer);
    },
  };
}

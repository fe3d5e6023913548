import { getProvinces, getRegencies } from 'idn-area-data';
import type { AreaRegency, Province } from '../../../shared/domain/area.ts';

/** The official Kemendagri list of provinces, regencies and cities (npm package idn-area-data). */
export interface AreaCatalog {
  provinces: Province[];
  regencies: AreaRegency[];
  find(code: string): AreaRegency | undefined;
}

let loading: Promise<AreaCatalog> | undefined;

export function loadAreaCatalog(): Promise<AreaCatalog> {
  loading ??= readCatalog();
  return loading;
}

async function readCatalog(): Promise<AreaCatalog> {
  const [provinceRows, regencyRows] = await Promise.all([getProvinces(), getRegencies()]);
  const provinces = provinceRows.map((row) => ({ code: row.code, name: row.name }));
  const provinceNames = new Map(provinces.map((province) => [province.code, province.name]));
  const regencies = regencyRows.map((row) => ({
    code: row.code,
    name: row.name,
    provinceCode: row.province_code,
    provinceName: provinceNames.get(row.province_code) ?? row.province_code,
  }));
  const byCode = new Map(regencies.map((regency) => [regency.code, regency]));
  return { provinces, regencies, find: (code) => byCode.get(code) };
}

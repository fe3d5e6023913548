import { crc32, deflateSync } from 'node:zlib';
import type { Rng } from './prng.ts';

/** A handwritten-looking signature over a round stamp, as a PNG with transparency. */

export function signaturePng(rng: Rng, width = 360, height = 150): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  const plot = (x: number, y: number, radius: number, [r, g, b]: [number, number, number], alpha: number) => {
    for (let dy = -Math.ceil(radius); dy <= Math.ceil(radius); dy++) {
      for (let dx = -Math.ceil(radius); dx <= Math.ceil(radius); dx++) {
        const px = Math.round(x + dx);
        const py = Math.round(y + dy);
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const d = Math.hypot(dx, dy);
        if (d > radius) continue;
        const a = alpha * Math.min(1, radius - d + 0.5);
        const i = (py * width + px) * 4;
        const old = (rgba[i + 3] ?? 0) / 255;
        const out = a + old * (1 - a);
        if (out <= 0) continue;
        rgba[i] = Math.round((r * a + (rgba[i] ?? 0) * old * (1 - a)) / out);
        rgba[i + 1] = Math.round((g * a + (rgba[i + 1] ?? 0) * old * (1 - a)) / out);
        rgba[i + 2] = Math.round((b * a + (rgba[i + 2] ?? 0) * old * (1 - a)) / out);
        rgba[i + 3] = Math.round(out * 255);
      }
    }
  };
  // The stamp: two circles, purple, partly under the signature.
  const cx = width * 0.3;
  const cy = height * 0.5;
  for (let t = 0; t < Math.PI * 2; t += 0.004) {
    plot(cx + Math.cos(t) * 62, cy + Math.sin(t) * 62, 1.6, [92, 60, 150], 0.75);
    plot(cx + Math.cos(t) * 48, cy + Math.sin(t) * 48, 1.1, [92, 60, 150], 0.75);
    if (Math.floor(t * 9) % 2 === 0) plot(cx + Math.cos(t) * 55, cy + Math.sin(t) * 55, 1.4, [92, 60, 150], 0.55);
  }
  for (let i = 0; i < 5; i++) {
    const a = (i * 4 * Math.PI) / 5 - Math.PI / 2;
    const b = ((i + 1) * 4 * Math.PI) / 5 - Math.PI / 2;
    for (let s = 0; s <= 1; s += 0.01)
      plot(
        cx + 22 * ((1 - s) * Math.cos(a) + s * Math.cos(b)),
        cy + 22 * ((1 - s) * Math.sin(a) + s * Math.sin(b)),
        1.2,
        [92, 60, 150],
        0.7,
      );
  }
  // The signature: a few loops drifting right, dark blue ink.
  const loops = 3 + rng.int(0, 2);
  const phase = rng.next() * Math.PI;
  for (let s = 0; s <= 1; s += 0.0008) {
    const x = width * (0.22 + 0.66 * s) + Math.sin(s * Math.PI * 2 * loops + phase) * 22;
    const y = height * (0.55 - 0.18 * s) + Math.cos(s * Math.PI * 2 * loops) * 30 * (1 - s * 0.4);
    plot(x, y, 1.9 - s * 0.7, [20, 30, 90], 0.95);
  }
  for (let s = 0; s <= 1; s += 0.002) plot(width * (0.3 + 0.6 * s), height * 0.78 - s * 8, 1.3, [20, 30, 90], 0.9);
  return encodePng(rgba, width, height);
}

function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

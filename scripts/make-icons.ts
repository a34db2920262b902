import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the tab-bar icons (weapp needs PNG files) with node:zlib only: a house for 首页 and a person
 * for 我的, grey and brand red, 81×81 with 4× supersampling. Run once; the PNGs are committed.
 */
const SIZE = 81;
const SS = 4;

type Shape = (x: number, y: number) => boolean;

const inPolygon =
  (pts: Array<[number, number]>): Shape =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i]!;
      const [xj, yj] = pts[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union =
  (...s: Shape[]): Shape =>
  (x, y) =>
    s.some((f) => f(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

const house = minus(
  union(
    inPolygon([
      [40.5, 10],
      [72, 38],
      [64, 38],
      [64, 70],
      [17, 70],
      [17, 38],
      [9, 38],
    ]),
  ),
  inPolygon([
    [33, 70],
    [33, 50],
    [48, 50],
    [48, 70],
  ]),
);
const person = union(
  circle(40.5, 26, 14),
  minus(circle(40.5, 80, 30), (_x, y) => y > 72),
);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(shape: Shape, [r, g, b]: [number, number, number]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (shape(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++;
      row.set([r, g, b, Math.round((255 * hits) / (SS * SS))], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = resolve(__dirname, '../miniprogram/assets');
const grey: [number, number, number] = [0x99, 0x99, 0x99];
const red: [number, number, number] = [0xc8, 0x16, 0x1d];
writeFileSync(join(out, 'tab-home.png'), png(house, grey));
writeFileSync(join(out, 'tab-home-active.png'), png(house, red));
writeFileSync(join(out, 'tab-mine.png'), png(person, grey));
writeFileSync(join(out, 'tab-mine-active.png'), png(person, red));
console.log('icons written to miniprogram/assets/');

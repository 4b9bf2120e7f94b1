/**
 * The text of a PDF written by pdfkit, for assertions: its pages in order, each as the lines drawn on
 * it, and its document information. Enough of PDF for what pdfkit writes (PDF 1.3, no object streams,
 * content streams compressed with Flate, text in the standard fonts as hex strings in `TJ` arrays),
 * not a general PDF reader.
 *
 * Text is decoded as WinAnsi, the standard fonts' encoding. A byte WinAnsi leaves undefined, a control
 * character or a hex string of odd length (what pdfkit writes for a character outside WinAnsi) is
 * returned as U+FFFD, so a test can assert that nothing unprintable was drawn.
 */
import { inflateSync } from 'node:zlib';

export interface PdfText {
  /** Per page, the text of each `BT … ET` object (pdfkit draws one line in each). */
  pages: string[][];
  /** The document information dictionary (Title, Author, CreationDate as `D:YYYYMMDDHHmmSSZ`, …). */
  info: Record<string, string>;
}

const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹',
  0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™',
  0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function winAnsi(bytes: Iterable<number>): string {
  let out = '';
  for (const byte of bytes) {
    if (byte >= 0x80 && byte <= 0x9f) out += WIN_ANSI_HIGH[byte] ?? '\uFFFD';
    else out += byte < 0x20 || byte === 0x7f ? '\uFFFD' : String.fromCharCode(byte);
  }
  return out;
}

function hexString(hex: string): string {
  const digits = hex.replace(/\s+/g, '');
  if (digits.length % 2 !== 0) return '\uFFFD';
  return winAnsi(Buffer.from(digits, 'hex'));
}

/** A PDF literal string starting at `source[start] === '('`: its bytes and the index after it. */
function literalString(source: string, start: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
  let depth = 0;
  let index = start;
  for (; index < source.length; index += 1) {
    const char = source[index]!;
    if (char === '\\') {
      const next = source[index + 1]!;
      const octal = /^[0-7]{1,3}/.exec(source.slice(index + 1, index + 4));
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        index += octal[0].length;
      } else {
        if (next in escapes) bytes.push(escapes[next]!);
        index += 1;
      }
      continue;
    }
    if (char === '(') {
      depth += 1;
      if (depth === 1) continue;
    } else if (char === ')') {
      depth -= 1;
      if (depth === 0) return { bytes, end: index + 1 };
    }
    bytes.push(char.charCodeAt(0));
  }
  return { bytes, end: index };
}

/** Text of a PDF string's bytes: UTF-16BE after a byte-order mark, else Latin-1. */
function textString(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  return Buffer.from(bytes).toString('latin1');
}

interface PdfObject {
  dictionary: string;
  stream?: Buffer;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(source); match; match = header.exec(source)) {
    const id = Number(match[1]);
    const start = header.lastIndex;
    const end = source.indexOf('endobj', start);
    const streamAt = source.indexOf('stream', start);
    if (streamAt === -1 || streamAt > end) {
      objects.set(id, { dictionary: source.slice(start, end) });
      header.lastIndex = end;
      continue;
    }
    // A stream is read by its /Length, never by searching its (binary) data.
    const dictionary = source.slice(start, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1] ?? NaN);
    let dataStart = streamAt + 'stream'.length;
    if (source[dataStart] === '\r') dataStart += 1;
    if (source[dataStart] === '\n') dataStart += 1;
    const raw = pdf.subarray(dataStart, dataStart + length);
    objects.set(id, { dictionary, stream: dictionary.includes('/FlateDecode') ? inflateSync(raw) : raw });
    header.lastIndex = dataStart + length;
  }
  return objects;
}

const references = (text: string): number[] => [...text.matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));

/** The lines of one content stream: the strings of each text object, joined. */
function contentLines(content: string): string[] {
  const lines: string[] = [];
  for (const block of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
    let line = '';
    for (const shown of block[1]!.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj/g)) {
      const items = shown[1] ?? `<${shown[2]}>`;
      for (let index = 0; index < items.length; index += 1) {
        if (items[index] === '<') {
          const close = items.indexOf('>', index);
          line += hexString(items.slice(index + 1, close));
          index = close;
        } else if (items[index] === '(') {
          const literal = literalString(items, index);
          line += winAnsi(literal.bytes);
          index = literal.end - 1;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The pages' text and the document information of a PDF written by pdfkit. */
export function pdfText(pdf: Buffer): PdfText {
  const objects = readObjects(pdf);
  const source = pdf.toString('latin1');
  const rootId = Number(/\/Root (\d+) 0 R/.exec(source)?.[1]);
  const pagesId = Number(/\/Pages (\d+) 0 R/.exec(objects.get(rootId)?.dictionary ?? '')?.[1]);
  const kids = /\/Kids \[([^\]]*)\]/.exec(objects.get(pagesId)?.dictionary ?? '')?.[1] ?? '';
  const pages = references(kids).map((pageId) => {
    const page = objects.get(pageId)?.dictionary ?? '';
    const contents = /\/Contents (\d+) 0 R/.exec(page)?.[1];
    const stream = contents === undefined ? undefined : objects.get(Number(contents))?.stream;
    return stream === undefined ? [] : contentLines(stream.toString('latin1'));
  });

  const info: Record<string, string> = {};
  const infoId = /\/Info (\d+) 0 R/.exec(source)?.[1];
  const dictionary = infoId === undefined ? '' : (objects.get(Number(infoId))?.dictionary ?? '');
  // pdfkit writes each value as a reference to an object holding the string; a direct string is read too.
  for (const entry of dictionary.matchAll(/\/(\w+)\s*(?:(\d+) 0 R|\()/g)) {
    const [holder, at] =
      entry[2] === undefined ? [dictionary, entry.index + entry[0].length - 1] : [objects.get(Number(entry[2]))?.dictionary ?? '', -1];
    const start = at >= 0 ? at : holder.indexOf('(');
    if (start >= 0) info[entry[1]!] = textString(literalString(holder, start).bytes);
  }
  return { pages, info };
}

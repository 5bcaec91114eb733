// PEM blocks as Go's encoding/pem decodes them (the reader behind tls.LoadX509KeyPair and
// CertPool.AppendCertsFromPEM): text around blocks is skipped, a block whose END line, type or
// base64 does not hold is skipped too, and `Key: value` lines after BEGIN are headers.

export interface PemBlock {
  type: string;
  /** `Proc-Type: 4,ENCRYPTED`, `DEK-Info: …` (in order; a repeated key keeps the last value, as Go's map does). */
  headers: Record<string, string>;
  bytes: Buffer;
  /** Offsets of `-----BEGIN` and past the END line in the text. */
  start: number;
  end: number;
}

const BEGIN = '-----BEGIN ';
const END = '\n-----END ';
const DASHES = '-----';

/** One line (without its `\n` or `\r\n`, trailing spaces and tabs trimmed), and where the next starts. */
function getLine(text: string, from: number): { line: string; next: number } {
  let i = text.indexOf('\n', from);
  let next: number;
  if (i < 0) {
    i = text.length;
    next = i;
  } else {
    next = i + 1;
    if (i > from && text[i - 1] === '\r') i--;
  }
  return { line: text.slice(from, i).replace(/[ \t]+$/, ''), next };
}

/** Go's base64.StdEncoding after pem removed spaces and tabs: `\r` and `\n` are ignored, padding is required. */
function decodeBase64(text: string): Buffer | undefined {
  const data = text.replace(/[ \t\r\n]/g, '');
  if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return undefined;
  return Buffer.from(data, 'base64');
}

/** The first block at or after `from`, as pem.Decode finds it. */
function decodeAt(text: string, from: number): PemBlock | undefined {
  let rest = from;
  for (;;) {
    let begin: number;
    if (text.startsWith(BEGIN, rest)) begin = rest;
    else {
      const i = text.indexOf('\n' + BEGIN, rest);
      if (i < 0) return undefined;
      begin = i + 1;
    }
    const typeLine = getLine(text, begin + BEGIN.length);
    rest = typeLine.next;
    if (!typeLine.line.endsWith(DASHES)) continue;
    const type = typeLine.line.slice(0, -DASHES.length);
    const headers: Record<string, string> = {};
    let headerCount = 0;
    let truncated = false;
    for (;;) {
      if (rest >= text.length) {
        truncated = true;
        break;
      }
      const { line, next } = getLine(text, rest);
      const colon = line.indexOf(':');
      if (colon < 0) break;
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      headerCount++;
      rest = next;
    }
    if (truncated) return undefined;
    let endIndex: number;
    let trailer: number;
    // Without headers, the END line may follow BEGIN directly (an empty block).
    if (headerCount === 0 && text.startsWith(END.slice(1), rest)) {
      endIndex = rest;
      trailer = rest + END.length - 1;
    } else {
      endIndex = text.indexOf(END, rest);
      if (endIndex < 0) continue;
      trailer = endIndex + END.length;
    }
    const expected = type + DASHES;
    if (text.length - trailer < expected.length || !text.startsWith(expected, trailer)) continue;
    if (getLine(text, trailer + expected.length).line.length !== 0) continue;
    const bytes = decodeBase64(text.slice(rest, endIndex));
    if (!bytes) continue;
    return { type, headers, bytes, start: begin, end: getLine(text, trailer).next };
  }
}

/** Every block of the text, in order (what repeated pem.Decode calls return). */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (let from = 0; from < text.length;) {
    const block = decodeAt(text, from);
    if (!block) break;
    blocks.push(block);
    from = Math.max(block.end, from + 1);
  }
  return blocks;
}

import type { UsageRecord } from '@llm/core';

const NEWLINE = 0x0a;
const INITIAL_BYTES = 1 << 20;

/**
 * Encodes batches of records as JSON lines into one buffer, for one write(). Lines are encoded
 * straight into a buffer sized for the worst case (3 UTF-8 bytes per UTF-16 unit) instead of first
 * concatenating one large string, and that buffer is reused while no write holds it: serialization
 * is most of the cost of a batched write.
 */
export class LineEncoder {
  private scratch = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private inUse = false;

  /** The encoded lines; call `release` once the write that uses them has finished. */
  encode(records: readonly UsageRecord[]): Buffer {
    const lines = new Array<string>(records.length);
    let units = 0;
    for (let index = 0; index < records.length; index++) {
      const line = JSON.stringify(records[index]);
      lines[index] = line;
      units += line.length;
    }
    const worstCase = units * 3 + records.length;
    let target: Buffer;
    if (this.inUse) target = Buffer.allocUnsafeSlow(worstCase);
    else {
      if (this.scratch.length < worstCase)
        this.scratch = Buffer.allocUnsafeSlow(Math.max(worstCase, this.scratch.length * 2));
      this.inUse = true;
      target = this.scratch;
    }
    let offset = 0;
    for (const line of lines) {
      offset += target.write(line, offset, 'utf8');
      target[offset++] = NEWLINE;
    }
    return target.subarray(0, offset);
  }

  release(buffer: Buffer): void {
    if (buffer.buffer === this.scratch.buffer) this.inUse = false;
  }
}

/** Encodes one batch into a buffer of its own. */
export function encodeLines(records: readonly UsageRecord[]): Buffer {
  return Buffer.from(new LineEncoder().encode(records));
}

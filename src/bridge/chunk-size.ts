// Payload size that adapts to the link (additive-increase is too slow here, so it doubles):
// a request that needed a resend halves the size, a run of clean ones doubles it back. On a link
// that damages 1 % of bytes a 2 KB frame almost never arrives whole; a 64-byte one mostly does.

// Smallest chunk: keeps header and CRC overhead (11 bytes per frame) below a quarter.
export const MIN_CHUNK = 32;
// Clean requests in a row before the size doubles.
const GROW_AFTER = 16;

/** The payload size of one kind of transfer (uploads and inputs, or result reads). */
export class ChunkSizer {
  size: number;
  private clean = 0;

  constructor(readonly max: number) {
    this.size = max;
  }

  /** Whether a smaller size is still possible. */
  get canShrink(): boolean {
    return this.size > MIN_CHUNK;
  }

  /** Halve the size after damaged frames. */
  shrink(): void {
    this.size = Math.max(MIN_CHUNK, Math.floor(this.size / 2));
    this.clean = 0;
  }

  /** Record how many attempts the last request took. */
  observe(attempts: number): void {
    if (attempts > 1) {
      this.shrink();
      return;
    }
    if (++this.clean >= GROW_AFTER) {
      this.size = Math.min(this.max, this.size * 2);
      this.clean = 0;
    }
  }
}

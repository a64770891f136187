/* COBS (Cheshire & Baker 1999), as in src/bridge/cobs.ts: a code byte k means k-1 data bytes
 * follow, then a 0x00 unless k is 0xFF or the block is the last one. */
#include "cobs.h"

size_t dl_cobs_encode(const uint8_t *src, size_t n, uint8_t *out, size_t cap) {
  size_t code_at = 0;
  size_t at = 1;
  uint8_t code = 1;

  if (cap < DL_COBS_MAX(n)) return 0;
  for (size_t i = 0; i < n; i++) {
    if (src[i] != 0) {
      out[at++] = src[i];
      code++;
    }
    if (src[i] == 0 || code == 0xFF) {
      out[code_at] = code;
      code = 1;
      code_at = at++;
    }
  }
  out[code_at] = code;
  return at;
}

long dl_cobs_decode_inplace(uint8_t *buf, size_t n) {
  size_t i = 0;
  size_t at = 0;

  /* The write position never passes the read position, so decoding in place is safe. */
  while (i < n) {
    uint8_t code = buf[i++];
    if (code == 0 || i + code - 1 > n) return -1;
    for (uint8_t k = 1; k < code; k++) {
      uint8_t b = buf[i++];
      if (b == 0) return -1;
      buf[at++] = b;
    }
    if (code != 0xFF && i < n) buf[at++] = 0;
  }
  return (long)at;
}

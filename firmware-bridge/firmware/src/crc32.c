/* CRC-32/ISO-HDLC, bitwise (no table: 1 KB of RAM matters more on a small board than speed).
 * Reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF; "123456789" gives 0xCBF43926,
 * the same routine as src/bridge/crc32.ts. */
#include "crc32.h"

uint32_t dl_crc32_update(uint32_t crc, const uint8_t *p, size_t n) {
  uint32_t c = ~crc;

  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c & 1u) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
  }
  return ~c;
}

/* CRC-32 of the frame trailer and of the configuration blob. */
#ifndef DL_CRC32_H
#define DL_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Continue a CRC-32 over n more bytes; start with crc = 0. */
uint32_t dl_crc32_update(uint32_t crc, const uint8_t *p, size_t n);

#endif

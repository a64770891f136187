/* Consistent Overhead Byte Stuffing: frames hold no 0x00, so 0x00 delimits them. */
#ifndef DL_COBS_H
#define DL_COBS_H

#include <stddef.h>
#include <stdint.h>

/* Largest encoding of n bytes: one code byte per started run of 254, plus one. */
#define DL_COBS_MAX(n) ((n) + (n) / 254 + 1)

/* Encode n bytes into out (cap bytes); the encoded length, or 0 when cap is too small. */
size_t dl_cobs_encode(const uint8_t *src, size_t n, uint8_t *out, size_t cap);

/* Decode n bytes in place; the decoded length, or -1 when the input is not valid COBS. */
long dl_cobs_decode_inplace(uint8_t *buf, size_t n);

#endif

/* Frames: 0x00, COBS(version, type, seq, payload, CRC-32 LE), 0x00 (README "Wire format"). */
#ifndef DL_FRAME_H
#define DL_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "cobs.h"
#include "dl-proto.h"

#define DL_FRAME_BODY_MAX (DL_HEADER_BYTES + DL_MAX_PAYLOAD + DL_CRC_BYTES)
#define DL_FRAME_PIECE_MAX DL_COBS_MAX(DL_FRAME_BODY_MAX)
#define DL_FRAME_WIRE_MAX (DL_FRAME_PIECE_MAX + 2)

typedef struct {
  uint8_t version;
  uint8_t type;
  uint8_t seq;
  const uint8_t *payload; /* points into the receiver's buffer until the next byte is fed */
  uint16_t len;
} dl_frame_t;

/* Receiver state: one piece being collected, and counts of what was thrown away. */
typedef struct {
  uint8_t buf[DL_FRAME_PIECE_MAX];
  size_t len;
  int overflowed;
  uint32_t frames;
  uint32_t bad_cobs;
  uint32_t bad_short;
  uint32_t bad_crc;
  uint32_t bad_overflow;
} dl_rx_t;

/* Start a receiver with nothing collected. */
void dl_rx_init(dl_rx_t *rx);

/* Feed one byte; 1 and *out filled when it completed a valid frame, 0 when it did not end a
 * piece (or ended an empty one), or -DL_FAULT_* when it ended a damaged piece. */
int dl_rx_byte(dl_rx_t *rx, uint8_t b, dl_frame_t *out);

/* Seal body[3 .. 3+n) into a frame: write header and CRC into body, COBS and delimiters into
 * out. body must hold n + 7 bytes. Returns the wire length, or 0 if it cannot fit. */
size_t dl_frame_seal(uint8_t *body, size_t n, uint8_t version, uint8_t type, uint8_t seq,
                     uint8_t *out, size_t cap);

#endif

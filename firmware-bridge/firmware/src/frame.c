/* Frame receiver and sealer shared by the firmware, the fuzz target and the host build. */
#include "frame.h"

#include "crc32.h"

void dl_rx_init(dl_rx_t *rx) {
  rx->len = 0;
  rx->overflowed = 0;
  rx->frames = rx->bad_cobs = rx->bad_short = rx->bad_crc = rx->bad_overflow = 0;
}

static uint32_t get_u32le(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Check a collected piece; 1 with *out filled when it is a valid frame, else -fault. */
static int finish_piece(dl_rx_t *rx, dl_frame_t *out) {
  long n = dl_cobs_decode_inplace(rx->buf, rx->len);
  size_t end;

  if (n < 0) {
    rx->bad_cobs++;
    return -(int)DL_FAULT_COBS;
  }
  if ((size_t)n < DL_HEADER_BYTES + DL_CRC_BYTES) {
    rx->bad_short++;
    return -(int)DL_FAULT_SHORT;
  }
  end = (size_t)n - DL_CRC_BYTES;
  if (dl_crc32_update(0, rx->buf, end) != get_u32le(rx->buf + end)) {
    rx->bad_crc++;
    return -(int)DL_FAULT_CRC;
  }
  out->version = rx->buf[0];
  out->type = rx->buf[1];
  out->seq = rx->buf[2];
  out->payload = rx->buf + DL_HEADER_BYTES;
  out->len = (uint16_t)(end - DL_HEADER_BYTES);
  rx->frames++;
  return 1;
}

int dl_rx_byte(dl_rx_t *rx, uint8_t b, dl_frame_t *out) {
  int got = 0;

  if (b != 0) {
    if (rx->len < sizeof rx->buf) rx->buf[rx->len++] = b;
    else rx->overflowed = 1;
    return 0;
  }

  /* A delimiter ends the piece: empty pieces are padding, overlong ones garbage. */
  if (rx->overflowed) {
    rx->bad_overflow++;
    got = -(int)DL_FAULT_OVERFLOW;
  } else if (rx->len > 0) {
    got = finish_piece(rx, out);
  }
  rx->len = 0;
  rx->overflowed = 0;
  return got;
}

size_t dl_frame_seal(uint8_t *body, size_t n, uint8_t version, uint8_t type, uint8_t seq,
                     uint8_t *out, size_t cap) {
  size_t end = DL_HEADER_BYTES + n;
  uint32_t crc;
  size_t enc;

  if (n > DL_MAX_PAYLOAD || cap < 2) return 0;
  body[0] = version;
  body[1] = type;
  body[2] = seq;
  crc = dl_crc32_update(0, body, end);
  for (int i = 0; i < 4; i++) body[end + (size_t)i] = (uint8_t)(crc >> (8 * i));

  /* Delimiter, COBS of the body, delimiter. */
  out[0] = 0;
  enc = dl_cobs_encode(body, end + DL_CRC_BYTES, out + 1, cap - 2);
  if (enc == 0) return 0;
  out[enc + 1] = 0;
  return enc + 2;
}

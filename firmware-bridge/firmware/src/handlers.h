/* One handler per request type; each writes its reply payload and says which message it is. */
#ifndef DL_HANDLERS_H
#define DL_HANDLERS_H

#include "device.h"

typedef struct {
  uint8_t type; /* DL_MSG_* of the reply */
  size_t len;   /* payload bytes written */
} dl_reply_t;

/* Write an ERROR payload. */
dl_reply_t dl_error(uint8_t *out, uint8_t code, uint8_t request, uint32_t arg0, uint32_t arg1);

/* Carry out a request of the device's own protocol version and write the reply payload. */
dl_reply_t dl_handle(dl_device_t *d, const dl_frame_t *f, uint8_t *out);

#endif

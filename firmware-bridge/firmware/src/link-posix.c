/* Link over a POSIX terminal device (a pseudo-terminal from socat, or a USB serial adapter):
 * raw mode, no echo, no flow control, so every byte value passes unchanged. */
#define _DEFAULT_SOURCE
#include "link.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <termios.h>
#include <unistd.h>

static int fd = -1;

int dl_link_open(const char *path) {
  struct termios t;

  fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    fprintf(stderr, "dynalign-fw: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    fprintf(stderr, "dynalign-fw: %s is in use by another process\n", path);
    close(fd);
    return -1;
  }
  if (tcgetattr(fd, &t) == 0) {
    cfmakeraw(&t);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    tcsetattr(fd, TCSANOW, &t);
  }
  return 0;
}

long dl_link_read(uint8_t *buf, size_t cap, int timeout_ms) {
  struct pollfd p = {fd, POLLIN, 0};
  ssize_t n;
  int r = poll(&p, 1, timeout_ms);

  if (r < 0) return errno == EINTR ? 0 : -1;
  if (r == 0) return 0;
  n = read(fd, buf, cap);
  if (n > 0) return (long)n;
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return 0;
  return -1; /* EOF or EIO: the other end of the pty was closed */
}

int dl_link_write(const uint8_t *p, size_t n) {
  size_t done = 0;

  while (done < n) {
    ssize_t w = write(fd, p + done, n - done);
    if (w > 0) {
      done += (size_t)w;
      continue;
    }
    if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
      struct pollfd q = {fd, POLLOUT, 0};
      if (poll(&q, 1, 1000) <= 0) return -1;
      continue;
    }
    return -1;
  }
  return 0;
}

void dl_link_close(void) {
  if (fd >= 0) close(fd);
  fd = -1;
}

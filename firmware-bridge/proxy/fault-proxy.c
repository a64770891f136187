/* Fault-injection proxy between two pseudo-terminals: forwards bytes both ways and drops,
 * duplicates, corrupts and delays bytes, and drops whole frames (0x00 to 0x00), at given rates.
 * SIGUSR1 cuts the link (everything is discarded) and a second SIGUSR1 restores it.
 *   fault-proxy --host PTY --device PTY [--seed N] [--drop P] [--dup P] [--corrupt P]
 *               [--delay P --delay-ms D] [--drop-frame P]
 * On exit it prints one JSON line of counts to stdout. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define QUEUE 65536

typedef struct {
  double drop, dup, corrupt, delay, drop_frame;
  long delay_ms;
} rates_t;

typedef struct {
  int from, to;
  int in_frame, dropping;        /* frame tracker for --drop-frame */
  uint8_t byte[QUEUE];           /* bytes waiting for their release time */
  int64_t due[QUEUE];
  size_t head, len;
  int64_t last_due;
  unsigned long passed, dropped, duplicated, corrupted, delayed, frames_dropped;
} lane_t;

static rates_t rate;
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static volatile sig_atomic_t cut, stop;

/* xorshift64* (Vigna 2016): a fixed seed replays the same faults. */
static double uniform(void) {
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return (double)((rng * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;
}

static int64_t now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void on_usr1(int s) {
  (void)s;
  cut = !cut;
}

static void on_term(int s) {
  (void)s;
  stop = 1;
}

static int open_raw(const char *path) {
  struct termios t;
  int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    fprintf(stderr, "fault-proxy: cannot open %s: %s\n", path, strerror(errno));
    exit(2);
  }
  if (tcgetattr(fd, &t) == 0) {
    cfmakeraw(&t);
    tcsetattr(fd, TCSANOW, &t);
  }
  return fd;
}

static void enqueue(lane_t *l, uint8_t b, int64_t due) {
  if (l->len == QUEUE) return; /* a full queue drops, like an overrun UART */
  if (due < l->last_due) due = l->last_due;
  l->byte[(l->head + l->len) % QUEUE] = b;
  l->due[(l->head + l->len) % QUEUE] = due;
  l->len++;
  l->last_due = due;
}

/* Apply the byte faults and the frame fault to one received byte. */
static void take(lane_t *l, uint8_t b) {
  int64_t due = now_ms();

  if (cut) return;
  if (b != 0 && !l->in_frame) {
    l->in_frame = 1;
    l->dropping = uniform() < rate.drop_frame;
    if (l->dropping) l->frames_dropped++;
  }
  if (b == 0) l->in_frame = 0;
  if (l->dropping) {
    if (b == 0) l->dropping = 0;
    else return;
  }
  if (uniform() < rate.drop) {
    l->dropped++;
    return;
  }
  if (uniform() < rate.corrupt) {
    b ^= (uint8_t)(1u << (int)(uniform() * 8));
    l->corrupted++;
  }
  if (uniform() < rate.delay) {
    due += rate.delay_ms;
    l->delayed++;
  }
  enqueue(l, b, due);
  if (uniform() < rate.dup) {
    enqueue(l, b, due);
    l->duplicated++;
  }
}

/* Write the bytes whose time has come, in runs; the ms until the next one is due (or -1). */
static int flush(lane_t *l) {
  int64_t t = now_ms();
  uint8_t run[4096];

  while (l->len > 0 && l->due[l->head] <= t) {
    size_t n = 0;
    ssize_t w;
    while (n < l->len && n < sizeof run && l->due[(l->head + n) % QUEUE] <= t) {
      run[n] = l->byte[(l->head + n) % QUEUE];
      n++;
    }
    w = write(l->to, run, n);
    if (w <= 0) return 1;
    l->head = (l->head + (size_t)w) % QUEUE;
    l->len -= (size_t)w;
    l->passed += (unsigned long)w;
  }
  return l->len > 0 ? (int)(l->due[l->head] - t) : -1;
}

static void arg_rate(const char *name, const char *v) {
  double x = strtod(v, NULL);
  if (strcmp(name, "--drop") == 0) rate.drop = x;
  else if (strcmp(name, "--dup") == 0) rate.dup = x;
  else if (strcmp(name, "--corrupt") == 0) rate.corrupt = x;
  else if (strcmp(name, "--delay") == 0) rate.delay = x;
  else if (strcmp(name, "--drop-frame") == 0) rate.drop_frame = x;
  else if (strcmp(name, "--delay-ms") == 0) rate.delay_ms = (long)x;
  else if (strcmp(name, "--seed") == 0) rng ^= (uint64_t)strtoull(v, NULL, 10) * 0x100000001B3ull;
  else {
    fprintf(stderr, "fault-proxy: unknown option %s\n", name);
    exit(2);
  }
}

static void report(const char *name, const lane_t *l) {
  printf("\"%s\":{\"passed\":%lu,\"dropped\":%lu,\"duplicated\":%lu,\"corrupted\":%lu,"
         "\"delayed\":%lu,\"framesDropped\":%lu}", name, l->passed, l->dropped, l->duplicated,
         l->corrupted, l->delayed, l->frames_dropped);
}

static lane_t up, down; /* up: host to device, down: device to host */

int main(int argc, char **argv) {
  const char *host = NULL;
  const char *device = NULL;
  uint8_t buf[4096];

  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--host") == 0) host = argv[i + 1];
    else if (strcmp(argv[i], "--device") == 0) device = argv[i + 1];
    else arg_rate(argv[i], argv[i + 1]);
  }
  if (host == NULL || device == NULL) {
    fprintf(stderr, "usage: fault-proxy --host PTY --device PTY [rates]\n");
    return 2;
  }
  up.from = down.to = open_raw(host);
  up.to = down.from = open_raw(device);
  signal(SIGUSR1, on_usr1);
  signal(SIGTERM, on_term);
  signal(SIGINT, on_term);
  fprintf(stderr, "fault-proxy: %s <-> %s\n", host, device);

  /* Read whatever arrives, queue it with its faults, write what is due. */
  while (!stop) {
    struct pollfd p[2] = {{up.from, POLLIN, 0}, {down.from, POLLIN, 0}};
    int wait_up = flush(&up);
    int wait_down = flush(&down);
    int wait = wait_up < 0 ? wait_down : wait_down < 0 ? wait_up
             : (wait_up < wait_down ? wait_up : wait_down);
    if (poll(p, 2, wait < 0 || wait > 100 ? 100 : wait) < 0 && errno != EINTR) break;
    for (int k = 0; k < 2; k++) {
      lane_t *l = k == 0 ? &up : &down;
      ssize_t n;
      if (!(p[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      n = read(l->from, buf, sizeof buf);
      if (n <= 0 && !(n < 0 && errno == EAGAIN)) stop = 1;
      for (ssize_t i = 0; i < n; i++) take(l, buf[i]);
    }
  }
  printf("{");
  report("toDevice", &up);
  printf(",");
  report("toHost", &down);
  printf("}\n");
  return 0;
}

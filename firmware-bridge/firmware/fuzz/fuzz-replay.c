/* Replay inputs into the fuzz target without libFuzzer: each file named on the command line is
 * one input; with no arguments, stdin holds inputs as (u32 little-endian length, bytes) records.
 * Built with gcc -fsanitize=address,undefined so any memory error aborts the run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t buf[1u << 20];

static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  size_t n;

  if (f == NULL) return 1;
  n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  LLVMFuzzerTestOneInput(buf, n);
  return 0;
}

int main(int argc, char **argv) {
  uint8_t len[4];
  unsigned long runs = 0;

  if (argc > 1) {
    for (int i = 1; i < argc; i++) {
      if (replay_file(argv[i]) != 0) return 2;
    }
    return 0;
  }
  while (fread(len, 1, 4, stdin) == 4) {
    uint32_t n = (uint32_t)len[0] | (uint32_t)len[1] << 8 | (uint32_t)len[2] << 16 |
                 (uint32_t)len[3] << 24;
    if (n > sizeof buf || fread(buf, 1, n, stdin) != n) return 2;
    LLVMFuzzerTestOneInput(buf, n);
    runs++;
  }
  printf("replayed %lu inputs\n", runs);
  return 0;
}

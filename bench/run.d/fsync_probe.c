// bench/run: how many write+fsync rounds of 100-byte records the disk under DIR sustains.
// Usage: fsync_probe DIR [seconds, default 3]. Prints "fsyncs_per_s N" (and removes its file).
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  if (argc < 2) { fprintf(stderr, "usage: fsync_probe DIR [seconds]\n"); return 2; }
  double seconds = argc > 2 ? atof(argv[2]) : 3.0;
  char path[4096];
  snprintf(path, sizeof path, "%s/fsync-probe.%d", argv[1], (int)getpid());
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
  if (fd < 0) { perror(path); return 1; }
  char record[100];
  memset(record, 'r', sizeof record);
  record[sizeof record - 1] = '\n';
  long n = 0;
  double start = now_s(), end = start + seconds, t = start;
  while (t < end) {
    if (write(fd, record, sizeof record) != (ssize_t)sizeof record) { perror("write"); return 1; }
    if (fsync(fd) != 0) { perror("fsync"); return 1; }
    ++n;
    t = now_s();
  }
  close(fd);
  unlink(path);
  printf("fsyncs_per_s %.1f\nfsyncs %ld\nseconds %.3f\n", n / (t - start), n, t - start);
  return 0;
}

/* load_client — the simulated class of tests/server/load.py in C, so that the clients cost
 * little CPU beside the server they measure: one thread per trainee, each posting its
 * progress at the end of every day (days posts) and then its results file, over plain
 * HTTP/1.1 on 127.0.0.1 with one connection per request (as the game's client does).
 * Usage: load_client PORT DAYS PACE_MS MANIFEST (DAYS 0: the results files only)
 *   MANIFEST: one trainee per line, "RESULTS_FILE<TAB>PLAYER<TAB>SCENARIO_ID<TAB>SEED"
 *   PACE_MS:  0: every trainee posts as fast as it is answered (all at once); else each
 *             trainee waits a random 0..PACE_MS before each post (a class whose days end
 *             at different moments)
 * Prints one line per request: "progress|results STATUS MILLISECONDS START_SECONDS".
 * Bounded: DAYS + 1 requests per trainee, each with a 60 s receive timeout. */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

typedef struct Trainee {
    char *body;
    size_t len;
    char player[128], scenario[64], seed[32];
    int index;
} Trainee;

typedef struct Sample {
    int results;
    int status;
    double ms;
    double start;
} Sample;

static int port, days, pace_ms;
static pthread_barrier_t ready; /* every trainee starts at once */
static Sample *samples;
static int nsamples;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One POST; returns the status (0 when there was no answer). */
static int post(const char *path, const char *body, size_t len)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    struct timeval tv = {60, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int status = 0;
    if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
        char head[256];
        int h = snprintf(head, sizeof head,
                         "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         "Content-Length: %zu\r\nConnection: close\r\n\r\n", path, len);
        size_t total = (size_t)h + len;
        char *msg = malloc(total);
        if (msg) {
            memcpy(msg, head, (size_t)h);
            memcpy(msg + h, body, len);
            size_t sent = 0;
            while (sent < total) {
                ssize_t n = send(fd, msg + sent, total - sent, MSG_NOSIGNAL);
                if (n <= 0)
                    break;
                sent += (size_t)n;
            }
            free(msg);
            char buf[4096];
            size_t got = 0;
            for (;;) {
                ssize_t n = recv(fd, buf + got, sizeof buf - 1 - got, 0);
                if (n <= 0)
                    break;
                got += (size_t)n;
                if (got >= sizeof buf - 1)
                    got = 16; /* keep the status line, drop the rest */
            }
            buf[got] = '\0';
            if (strncmp(buf, "HTTP/1.", 7) == 0 && got > 12)
                status = atoi(buf + 9);
        }
    }
    close(fd);
    return status;
}

static void record(int results, int status, double t0)
{
    double t1 = now();
    pthread_mutex_lock(&lock);
    samples[nsamples].results = results;
    samples[nsamples].status = status;
    samples[nsamples].ms = (t1 - t0) * 1000.0;
    samples[nsamples].start = t0;
    nsamples++;
    pthread_mutex_unlock(&lock);
}

static void pause_ms(unsigned *rng)
{
    if (pace_ms <= 0)
        return;
    int ms = (int)(rand_r(rng) % (unsigned)pace_ms);
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void *run(void *arg)
{
    Trainee *t = arg;
    unsigned rng = (unsigned)t->index * 2654435761u + 1;
    pthread_barrier_wait(&ready);
    char body[1024];
    for (int day = 1; day <= days; day++) {
        pause_ms(&rng);
        int n = snprintf(body, sizeof body,
                         "{\"player\":\"%s\",\"scenario\":\"%s\",\"seed\":\"%s\",\"day\":%d,\"days\":%d,"
                         "\"week\":%d,\"effort\":{\"prepare\":%d,\"prospect\":%d,\"progress\":%d,\"close\":%d}}",
                         t->player, t->scenario, t->seed, day, days, 1 + (day - 1) / 5, 30 * day, 25 * day,
                         15 * day, 5 * day);
        double t0 = now();
        int st = post("/api/progress", body, (size_t)n);
        record(0, st, t0);
    }
    pause_ms(&rng);
    double t0 = now();
    int st = post("/api/results", t->body, t->len);
    record(1, st, t0);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: load_client PORT DAYS PACE_MS MANIFEST\n");
        return 2;
    }
    port = atoi(argv[1]);
    days = atoi(argv[2]);
    pace_ms = atoi(argv[3]);
    FILE *m = fopen(argv[4], "r");
    if (!m || days < 0 || days > 1000)
        return 2;
    Trainee *tr = NULL;
    int n = 0, cap = 0;
    char line[2048];
    while (fgets(line, sizeof line, m)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *f[4] = {line, NULL, NULL, NULL};
        for (int i = 1; i < 4 && f[i - 1]; i++) {
            char *tab = strchr(f[i - 1], '\t');
            if (tab) {
                *tab = '\0';
                f[i] = tab + 1;
            }
        }
        if (!f[3])
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            tr = realloc(tr, (size_t)cap * sizeof *tr);
            if (!tr)
                return 2;
        }
        Trainee *t = &tr[n];
        memset(t, 0, sizeof *t);
        FILE *g = fopen(f[0], "rb");
        if (!g)
            return 2;
        fseek(g, 0, SEEK_END);
        long len = ftell(g);
        fseek(g, 0, SEEK_SET);
        t->body = malloc((size_t)len + 1);
        if (!t->body || fread(t->body, 1, (size_t)len, g) != (size_t)len)
            return 2;
        fclose(g);
        t->len = (size_t)len;
        snprintf(t->player, sizeof t->player, "%s", f[1]);
        snprintf(t->scenario, sizeof t->scenario, "%s", f[2]);
        snprintf(t->seed, sizeof t->seed, "%s", f[3]);
        t->index = n;
        n++;
    }
    fclose(m);
    samples = calloc((size_t)n * (size_t)(days + 1) + 1, sizeof *samples);
    pthread_t *th = calloc((size_t)n + 1, sizeof *th);
    if (!samples || !th)
        return 2;
    if (pthread_barrier_init(&ready, NULL, (unsigned)n) != 0)
        return 2;
    for (int i = 0; i < n; i++)
        pthread_create(&th[i], NULL, run, &tr[i]);
    for (int i = 0; i < n; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < nsamples; i++)
        printf("%s %d %.3f %.6f\n", samples[i].results ? "results" : "progress", samples[i].status,
               samples[i].ms, samples[i].start);
    pthread_barrier_destroy(&ready);
    for (int i = 0; i < n; i++)
        free(tr[i].body);
    free(tr);
    free(th);
    free(samples);
    return 0;
}

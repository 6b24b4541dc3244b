/* http — the class server on the network: libmicrohttpd (Debian's libmicrohttpd) with one
 * access handler, a bounded body buffer per request, and the limits of server.h set as
 * daemon options. http_start returns an Http the caller stops with http_stop. */
#ifndef UPFRONT_SERVER_HTTP_H
#define UPFRONT_SERVER_HTTP_H

#include "server.h"

typedef struct HttpOptions {
    const char *host;   /* an address to listen on ("0.0.0.0", "127.0.0.1", "::1") */
    int port;           /* 0: any free port (http_port says which) */
    int threads;        /* request threads (0: one per core, at most 8) */
    int no_listen;      /* tests and the fuzzer: no socket and no thread; http_add_connection */
    int log_errors;     /* libmicrohttpd's own messages on stderr */
} HttpOptions;

typedef struct Http Http;

/* Starts serving s. Returns NULL with why in err (the port is taken, a bad host...). */
Http *http_start(Server *s, const HttpOptions *o, char *err, size_t cap);
/* The port listened on. */
int http_port(const Http *h);
/* Stops serving: waits for the requests being answered, closes every connection. */
void http_stop(Http *h);

/* no_listen only: takes a connected socket (the other end is the client's) and answers
 * what arrives on it while http_run is called. 0, or -1 when refused (fd is then closed). */
int http_add_connection(Http *h, int fd);
/* no_listen only: does the work that is ready now, without waiting. */
void http_run(Http *h);

#endif

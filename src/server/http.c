/* http — libmicrohttpd glue (see http.h). Each request gets a Pending: the body read so
 * far (up to the route's cap), or how much of an oversized body was discarded so that a
 * 413 can be answered cleanly. Bodies held at once are counted against
 * SERVER_MAX_BODIES_IN_FLIGHT. */
#define _DEFAULT_SOURCE
#include "http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "srv_platform.h"

struct Http {
    Server *server;
    struct MHD_Daemon *daemon;
    int port;
    atomic_size_t in_flight; /* body bytes held by requests now */
};

typedef struct Pending {
    char *body;
    size_t len, cap;
    size_t limit;       /* the route's cap */
    size_t reserved;    /* counted in in_flight */
    size_t discarded;   /* bytes of an oversized body read and dropped */
    int too_large;
    int busy;           /* no room for the body: 503 */
    double started;
} Pending;

static void add_common_headers(struct MHD_Response *r, const ServerResponse *out)
{
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                            out->content_type ? out->content_type : "application/octet-stream");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    /* no Access-Control-Allow-Origin anywhere: the browser version is served from here */
    if (out->facilitator || out->file == NULL)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (out->csp)
        MHD_add_response_header(r, "Content-Security-Policy", out->csp);
    if (out->disposition)
        MHD_add_response_header(r, "Content-Disposition", out->disposition);
}

static enum MHD_Result send_response(struct MHD_Connection *c, ServerResponse *out)
{
    struct MHD_Response *r = NULL;
    if (out->file) {
        int fd = open(out->file, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            r = MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
            if (!r)
                close(fd);
        } else {
            if (fd >= 0)
                close(fd);
            server_response_free(out);
            memset(out, 0, sizeof *out);
            out->status = 404;
            out->content_type = "application/json";
            out->body = strdup("{\"status\":404,\"error\":\"not found\"}");
            out->len = out->body ? strlen(out->body) : 0;
        }
    }
    if (!r) {
        r = MHD_create_response_from_buffer(out->len, out->body ? out->body : (void *)"",
                                            out->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
        if (r)
            out->body = NULL; /* MHD frees it */
    }
    if (!r) {
        server_response_free(out);
        return MHD_NO;
    }
    add_common_headers(r, out);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)out->status, r);
    MHD_destroy_response(r);
    server_response_free(out);
    return ok;
}

static enum MHD_Result answer_now(struct MHD_Connection *c, int status, const char *msg)
{
    ServerResponse out;
    memset(&out, 0, sizeof out);
    out.status = status;
    out.content_type = "application/json";
    char text[256];
    snprintf(text, sizeof text, "{\"status\":%d,\"error\":\"%s\"}", status, msg);
    out.body = strdup(text);
    out.len = out.body ? strlen(out.body) : 0;
    return send_response(c, &out);
}

static void release(Http *h, Pending *p)
{
    if (p->reserved)
        atomic_fetch_sub(&h->in_flight, p->reserved);
    p->reserved = 0;
    free(p->body);
    p->body = NULL;
}

/* Makes room for n more bytes of body; 0, or -1 (no memory or over the budget). */
static int grow(Http *h, Pending *p, size_t n)
{
    if (p->len + n <= p->cap)
        return 0;
    size_t cap = p->cap ? p->cap : 4096;
    while (cap < p->len + n)
        cap *= 2;
    if (cap > p->limit)
        cap = p->limit;
    size_t more = cap - p->cap;
    if (atomic_fetch_add(&h->in_flight, more) + more > SERVER_MAX_BODIES_IN_FLIGHT) {
        atomic_fetch_sub(&h->in_flight, more);
        return -1;
    }
    char *b = realloc(p->body, cap + 1);
    if (!b) {
        atomic_fetch_sub(&h->in_flight, more);
        return -1;
    }
    p->body = b;
    p->cap = cap;
    p->reserved += more;
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    (void)version;
    Http *h = cls;
    Pending *p = *con_cls;
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p)
            return MHD_NO;
        *con_cls = p;
        p->started = srv_monotonic();
        p->limit = server_body_cap(method, url);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end = NULL;
            unsigned long long n = strtoull(cl, &end, 10);
            if (end != cl && n > p->limit) {
                p->too_large = 1;
                const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
                /* answered before the body: the client was waiting to be told, or the body
                 * is too large even to read and drop */
                if ((expect && strcasecmp(expect, "100-continue") == 0) || n > SERVER_MAX_DISCARD_BYTES) {
                    ServerRequest rq = {method, url, NULL, NULL, 0, 1};
                    ServerResponse out;
                    server_handle(h->server, &rq, &out);
                    return send_response(c, &out);
                }
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (srv_monotonic() - p->started > SERVER_REQUEST_DEADLINE_S)
            return MHD_NO; /* a client trickling its body: dropped */
        if (p->too_large || p->busy) {
            p->discarded += n;
            return p->discarded > SERVER_MAX_DISCARD_BYTES ? MHD_NO : MHD_YES;
        }
        if (p->len + n > p->limit) {
            p->too_large = 1;
            p->discarded = p->len + n;
            release(h, p);
            p->len = 0;
            return MHD_YES;
        }
        if (grow(h, p, n) != 0) {
            p->busy = 1;
            p->discarded = p->len + n;
            release(h, p);
            p->len = 0;
            return MHD_YES;
        }
        memcpy(p->body + p->len, upload_data, n);
        p->len += n;
        p->body[p->len] = '\0';
        return MHD_YES;
    }
    if (p->busy)
        return answer_now(c, 503, "the server is busy: send it again in a moment");
    ServerRequest rq;
    rq.method = method;
    rq.path = url;
    rq.key = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "key");
    rq.body = p->body;
    rq.body_len = p->len;
    rq.body_too_large = p->too_large;
    ServerResponse out;
    server_handle(h->server, &rq, &out);
    release(h, p);
    return send_response(c, &out);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    (void)toe;
    Http *h = cls;
    Pending *p = *con_cls;
    if (p) {
        release(h, p);
        free(p);
    }
    *con_cls = NULL;
}

Http *http_start(Server *s, const HttpOptions *o, char *err, size_t cap)
{
    Http *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    h->server = s;
    atomic_init(&h->in_flight, 0);
    if (o->no_listen) {
        h->daemon = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, on_request, h,
                                     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_MAX_HEADER_BYTES,
                                     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_IDLE_TIMEOUT_S,
                                     MHD_OPTION_NOTIFY_COMPLETED, on_completed, h, MHD_OPTION_END);
        if (!h->daemon) {
            snprintf(err, cap, "libmicrohttpd could not start");
            free(h);
            return NULL;
        }
        return h;
    }
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    char port[16];
    snprintf(port, sizeof port, "%d", o->port);
    int gai = getaddrinfo(o->host, port, &hints, &ai);
    if (gai != 0 || !ai) {
        snprintf(err, cap, "%s: not an IP address to listen on (%s)", o->host, gai_strerror(gai));
        free(h);
        return NULL;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (o->log_errors)
        flags |= MHD_USE_ERROR_LOG;
    long threads = o->threads;
    if (threads <= 0) {
        threads = sysconf(_SC_NPROCESSORS_ONLN);
        if (threads < 1)
            threads = 1;
        if (threads > 8)
            threads = 8;
    }
    h->daemon = MHD_start_daemon(
        flags, (uint16_t)o->port, NULL, NULL, on_request, h, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVER_MAX_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)SERVER_MAX_CONNECTIONS_PER_IP,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_IDLE_TIMEOUT_S,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_MAX_HEADER_BYTES,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)SERVER_MAX_CONNECTIONS,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, h, MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!h->daemon) {
        snprintf(err, cap, "cannot listen on %s port %d (is the port taken? try another --port)",
                 o->host, o->port);
        free(h);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
    h->port = info ? info->port : o->port;
    return h;
}

int http_port(const Http *h)
{
    return h->port;
}

void http_stop(Http *h)
{
    if (!h)
        return;
    if (h->daemon)
        MHD_stop_daemon(h->daemon);
    free(h);
}

int http_add_connection(Http *h, int fd)
{
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (MHD_add_connection(h->daemon, fd, (const struct sockaddr *)&addr, sizeof addr) != MHD_YES)
        return -1;
    return 0;
}

void http_run(Http *h)
{
    MHD_run(h->daemon);
}

#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "upfront/file.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir_[256];

static void path_in_dir(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir_, name);
}

/* Number of entries in the test folder other than . and .. */
static int entries_in_dir(void)
{
    DIR *d = opendir(dir_);
    int n = 0;
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void write_atomic_should_create_then_replace_a_file(void)
{
    char p[512];
    path_in_dir(p, sizeof p, "a.json");
    CHECK_EQ_INT(file_write_atomic(p, "first\n", 6), FILE_OK);
    CHECK_EQ_INT(file_write_atomic(p, "second!\n", 8), FILE_OK);
    char *buf = NULL;
    size_t len = 0;
    CHECK_EQ_INT(file_read_all(p, 1024, &buf, &len), FILE_OK);
    CHECK_EQ_INT(len, 8);
    CHECK_EQ_STR(buf, "second!\n");
    free(buf);
    CHECK_EQ_INT(entries_in_dir(), 1); /* no temporary left behind */
    remove(p);
}

static void write_atomic_should_leave_no_temporary_when_the_rename_fails(void)
{
    char p[512];
    path_in_dir(p, sizeof p, "adir");
    CHECK_EQ_INT(mkdir(p, 0755), 0);
    CHECK_EQ_INT(file_write_atomic(p, "x", 1), FILE_ERR_IO); /* a folder is in the way */
    CHECK_EQ_INT(entries_in_dir(), 1);
    rmdir(p);
}

static void write_atomic_should_report_a_missing_folder(void)
{
    char p[512];
    path_in_dir(p, sizeof p, "missing/a.json");
    CHECK_EQ_INT(file_write_atomic(p, "x", 1), FILE_ERR_OPEN);
    CHECK_EQ_INT(entries_in_dir(), 0);
}

static void write_atomic_should_write_an_empty_file(void)
{
    char p[512];
    path_in_dir(p, sizeof p, "empty");
    CHECK_EQ_INT(file_write_atomic(p, "", 0), FILE_OK);
    char *buf = NULL;
    size_t len = 99;
    CHECK_EQ_INT(file_read_all(p, 10, &buf, &len), FILE_OK);
    CHECK_EQ_INT(len, 0);
    CHECK(buf && buf[0] == '\0');
    free(buf);
    remove(p);
}

static void read_all_should_refuse_files_over_the_cap(void)
{
    char p[512];
    path_in_dir(p, sizeof p, "big");
    size_t n = 200000;
    char *data = malloc(n);
    CHECK(data != NULL);
    if (!data)
        return;
    memset(data, 'x', n);
    CHECK_EQ_INT(file_write_atomic(p, data, n), FILE_OK);
    char *buf = NULL;
    size_t len = 0;
    CHECK_EQ_INT(file_read_all(p, n - 1, &buf, &len), FILE_ERR_TOO_BIG);
    CHECK(buf == NULL);
    CHECK_EQ_INT(file_read_all(p, n, &buf, &len), FILE_OK);
    CHECK_EQ_INT(len, n);
    CHECK(buf && memcmp(buf, data, n) == 0 && buf[n] == '\0');
    free(buf);
    free(data);
    remove(p);
}

static void read_all_should_report_missing_files_and_folders(void)
{
    char p[512];
    path_in_dir(p, sizeof p, "nope.json");
    char *buf = NULL;
    size_t len = 0;
    CHECK_EQ_INT(file_read_all(p, 100, &buf, &len), FILE_ERR_OPEN);
    CHECK_EQ_INT(errno, ENOENT);
    CHECK_EQ_INT(file_read_all(dir_, 100, &buf, &len), FILE_ERR_OPEN);
    CHECK(buf == NULL);
}

static void status_message_should_name_the_errno(void)
{
    CHECK_EQ_STR(file_status_message(FILE_ERR_TOO_BIG, 0), "file too large");
    CHECK_EQ_STR(file_status_message(FILE_ERR_OPEN, ENOENT), strerror(ENOENT));
    CHECK(strlen(file_status_message(FILE_ERR_IO, 0)) > 0);
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* A writer killed mid-write leaves NAME.tmp-PID-N; the next write removes it once that
 * process is gone, and leaves a living writer's temporary alone. */
static void write_atomic_should_clear_temporaries_of_dead_writers(void)
{
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    CHECK(child > 0);
    if (child <= 0)
        return;
    int status = 0;
    CHECK_EQ_INT(waitpid(child, &status, 0), child);
    char p[512], dead[600], live[600];
    path_in_dir(p, sizeof p, "s.json");
    snprintf(dead, sizeof dead, "%s.tmp-%ld-3", p, (long)child);
    snprintf(live, sizeof live, "%s.tmp-%ld-1", p, (long)getppid());
    FILE *f = fopen(dead, "wb");
    CHECK(f != NULL && fputs("{\"half", f) >= 0 && fclose(f) == 0);
    f = fopen(live, "wb");
    CHECK(f != NULL && fclose(f) == 0);
    CHECK_EQ_INT(file_write_atomic(p, "{}\n", 3), FILE_OK);
    CHECK(!file_exists(dead));
    CHECK(file_exists(live));
    remove(live);
    remove(p);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir_, sizeof dir_, "%s/upfront-test-file-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir_)) {
        perror("mkdtemp");
        return 2;
    }
    RUN(write_atomic_should_create_then_replace_a_file);
    RUN(write_atomic_should_leave_no_temporary_when_the_rename_fails);
    RUN(write_atomic_should_report_a_missing_folder);
    RUN(write_atomic_should_write_an_empty_file);
    RUN(read_all_should_refuse_files_over_the_cap);
    RUN(read_all_should_report_missing_files_and_folders);
    RUN(status_message_should_name_the_errno);
    RUN(write_atomic_should_clear_temporaries_of_dead_writers);
    rmdir(dir_);
    return check_done();
}

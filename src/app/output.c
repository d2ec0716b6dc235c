#include "app/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

int output_write(const char *path, const void *data, size_t len, struct app_error *err)
{
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return app_fail(err, ERR_INTERNAL, "out", "writing to standard output: %s",
					strerror(errno));
		return 0;
	}
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof tmp)
		return app_fail(err, ERR_INPUT, "out", "the path %s is too long", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return app_fail(err, ERR_INPUT, "out", "cannot write %s: %s", path, strerror(errno));
	const char *p = data;
	size_t left = len;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		p += n;
		left -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	return 0;
fail:
	app_fail(err, ERR_INPUT, "out", "cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

int output_put(struct output *o, const void *data, size_t len, struct app_error *err)
{
	if (!o->to_memory)
		return output_write(o->path, data, len, err);
	free(o->data);
	o->data = malloc(len + 1);
	if (!o->data)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	memcpy(o->data, data, len);
	o->data[len] = '\0';
	o->len = len;
	return 0;
}

void output_sha256(const void *data, size_t len, char out[OUTPUT_SHA256_HEX])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)data, len);
	sodium_bin2hex(out, OUTPUT_SHA256_HEX, digest, sizeof digest);
}

/* SPDX-License-Identifier: MIT */
/* Fault specifications: strict parsing and locked counters. */
#include "core/faults.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kabi/hl_kabi.h"

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
#define HAVE_STRERRORNAME_NP 1
#endif

#ifndef HAVE_STRERRORNAME_NP
/* libcs without strerrorname_np(): the names a fault spec is likely to use */
static const struct {
	const char *name;
	int value;
} errno_names[] = {
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EINTR", EINTR }, { "EIO", EIO },
	{ "ENXIO", ENXIO }, { "E2BIG", E2BIG }, { "EBADF", EBADF }, { "EAGAIN", EAGAIN },
	{ "ENOMEM", ENOMEM }, { "EACCES", EACCES }, { "EFAULT", EFAULT }, { "EBUSY", EBUSY },
	{ "EEXIST", EEXIST }, { "ENODEV", ENODEV }, { "EINVAL", EINVAL }, { "ENFILE", ENFILE },
	{ "EMFILE", EMFILE }, { "ENOTTY", ENOTTY }, { "ENOSPC", ENOSPC }, { "ERANGE", ERANGE },
	{ "ENOSYS", ENOSYS }, { "ETIMEDOUT", ETIMEDOUT }, { "EOPNOTSUPP", EOPNOTSUPP },
	{ "EOVERFLOW", EOVERFLOW }, { "ECANCELED", ECANCELED }, { "EHWPOISON", EHWPOISON },
};
#endif

int sim_errno_from_name(const char *name)
{
	char *end;
	long v;

	if (!name || !*name)
		return -1;
	if (*name >= '0' && *name <= '9') {
		errno = 0;
		v = strtol(name, &end, 10);
		if (*end || errno || v < 1 || v > 4095)
			return -1;
		return (int)v;
	}
	if (!strcmp(name, "EWOULDBLOCK"))
		return EWOULDBLOCK;
	if (!strcmp(name, "ENOTSUP"))
		return ENOTSUP;
	if (!strcmp(name, "EDEADLOCK"))
		return EDEADLOCK;
#ifdef HAVE_STRERRORNAME_NP
	for (int e = 1; e < 4096; e++) {
		const char *n = strerrorname_np(e);

		if (n && !strcmp(n, name))
			return e;
	}
#else
	for (size_t i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
		if (!strcmp(errno_names[i].name, name))
			return errno_names[i].value;
#endif
	return -1;
}

static int cmd_from_name(const char *n)
{
	static const char *const names[] = { "OPEN", "INFO", "CB", "CS", "WAIT_CS",
					     "MEMORY", "DEBUG" };

	for (int i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		if (!strcmp(n, names[i]))
			return i; /* SIM_FAULT_CMD_OPEN, then HLK_CMD_INFO ... */
	return -2;
}

static int op_from_name(int cmd, const char *n)
{
	static const char *const mem[] = { "ALLOC", "FREE", "MAP", "UNMAP",
					   "MAP_BLOCK", "EXPORT", "TS_ALLOC" };
	static const char *const cb[] = { "CREATE", "DESTROY", "INFO" };
	char *end;
	long v;

	if (*n >= '0' && *n <= '9') {
		v = strtol(n, &end, 0);
		return *end || v < 0 || v > INT_MAX ? -2 : (int)v;
	}
	if (cmd == HLK_CMD_MEMORY)
		for (int i = 0; i < 7; i++)
			if (!strcmp(n, mem[i]))
				return i;
	if (cmd == HLK_CMD_CB)
		for (int i = 0; i < 3; i++)
			if (!strcmp(n, cb[i]))
				return i;
	if (cmd == HLK_CMD_CS) {
		if (!strcmp(n, "SIGNAL"))
			return HLK_CS_FLAGS_SIGNAL;
		if (!strcmp(n, "WAIT"))
			return HLK_CS_FLAGS_WAIT;
	}
	return -2;
}

/* a decimal count >= 1 */
static bool parse_count(const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end || errno || !v || v > UINT_MAX)
		return false;
	*out = (unsigned int)v;
	return true;
}

#define BAD(...)                                        \
	do {                                            \
		snprintf(msg, msglen, __VA_ARGS__);     \
		return -EINVAL;                         \
	} while (0)

/* "reset@CS#N", "hang@CS#N", "hwerr@CS#N" (at points at '@') */
static int parse_cs_item(struct sim_fault_rule *r, const char *what, const char *at,
			 const char *item, char *msg, size_t msglen)
{
	r->cmd = SIM_FAULT_CMD_CS_AT;
	if (!strcmp(what, "reset"))
		r->kind = SIM_FAULT_RESET;
	else if (!strcmp(what, "hang"))
		r->kind = SIM_FAULT_HANG;
	else if (!strcmp(what, "hwerr"))
		r->kind = SIM_FAULT_HWERR;
	else
		BAD("fault '%s': '%s' cannot be tied to a CS (reset, hang or hwerr)", item, what);
	if (!parse_count(at + 3, &r->nth))
		BAD("fault '%s': CS number must be a count from 1", item);
	return 0;
}

/* "WHAT[.OP]@N=ERR" */
static int parse_errno_item(struct sim_fault_rule *r, char *what, char *at,
			    const char *item, char *msg, size_t msglen)
{
	char *eq = strchr(at, '='), *dot = strchr(what, '.');

	if (!eq)
		BAD("fault '%s': missing '=ERRNO'", item);
	*eq++ = '\0';
	if (dot)
		*dot++ = '\0';
	r->kind = SIM_FAULT_ERRNO;
	r->op = -1;
	r->cmd = cmd_from_name(what);
	if (r->cmd < 0)
		BAD("fault '%s': unknown call '%s' (OPEN, INFO, CB, CS, WAIT_CS, MEMORY, DEBUG)",
		    item, what);
	if (dot) {
		r->op = op_from_name(r->cmd, dot);
		if (r->op < 0)
			BAD("fault '%s': unknown operation '%s' of %s", item, dot, what);
	}
	if (!parse_count(at, &r->nth))
		BAD("fault '%s': call number '%s' must be a count from 1", item, at);
	r->err = sim_errno_from_name(eq);
	if (r->err < 0)
		BAD("fault '%s': unknown errno name '%s'", item, eq);
	return 0;
}

static int parse_item(struct sim_faults *f, char *it, char *msg, size_t msglen)
{
	char item[128], *at;
	struct sim_fault_rule r;

	snprintf(item, sizeof(item), "%s", it);
	memset(&r, 0, sizeof(r));
	if (!strncmp(it, "eintr=", 6)) {
		if (!parse_count(it + 6, &f->eintr_every))
			BAD("fault '%s': eintr=P needs a period from 1", item);
		return 0;
	}
	at = strchr(it, '@');
	if (!at)
		BAD("fault '%s': expected WHAT@N=ERRNO, eintr=P or KIND@CS#N", item);
	if (f->nrules >= SIM_FAULT_MAX_RULES)
		BAD("fault '%s': more than %d faults", item, SIM_FAULT_MAX_RULES);
	*at++ = '\0';
	if (!strncmp(at, "CS#", 3)) {
		if (parse_cs_item(&r, it, at, item, msg, msglen))
			return -EINVAL;
	} else if (parse_errno_item(&r, it, at, item, msg, msglen)) {
		return -EINVAL;
	}
	f->rules[f->nrules++] = r;
	return 0;
}

int sim_faults_parse(struct sim_faults *f, const char *spec, char *msg, size_t msglen)
{
	char *buf, *save = NULL;
	int ret = 0;

	pthread_mutex_init(&f->lock, NULL);
	if (!spec || !*spec)
		return 0;
	buf = strdup(spec);
	if (!buf)
		BAD("out of memory");
	for (char *it = strtok_r(buf, ",", &save); it && !ret; it = strtok_r(NULL, ",", &save))
		ret = parse_item(f, it, msg, msglen);
	free(buf);
	return ret;
}

int sim_faults_check(struct sim_faults *f, int cmd, int op)
{
	int err = 0;

	pthread_mutex_lock(&f->lock);
	if (cmd != SIM_FAULT_CMD_OPEN && f->eintr_every &&
	    ++f->ioctl_count % f->eintr_every == 0)
		err = EINTR;
	for (int i = 0; i < f->nrules && !err; i++) {
		struct sim_fault_rule *r = &f->rules[i];

		if (r->kind != SIM_FAULT_ERRNO || r->cmd != cmd || (r->op >= 0 && r->op != op))
			continue;
		if (++r->seen == r->nth)
			err = r->err;
	}
	pthread_mutex_unlock(&f->lock);
	return err;
}

unsigned int sim_faults_cs_submitted(struct sim_faults *f)
{
	unsigned int n;

	pthread_mutex_lock(&f->lock);
	n = ++f->cs_count;
	pthread_mutex_unlock(&f->lock);
	return n;
}

bool sim_faults_cs_hit(struct sim_faults *f, char kind, unsigned int n)
{
	bool hit = false;

	/* rules are immutable after parsing: no lock needed to read them */
	for (int i = 0; i < f->nrules; i++)
		if (f->rules[i].cmd == SIM_FAULT_CMD_CS_AT && f->rules[i].kind == kind &&
		    f->rules[i].nth == n)
			hit = true;
	return hit;
}

/* SPDX-License-Identifier: MIT */
/*
 * Fault injection: the parsed form of HLA_SIM_FAULTS / --fault and the
 * counters that decide when a fault fires.  Parsing is shared with the
 * launcher, which refuses a malformed specification before starting the
 * program.
 */
#ifndef HLA_SIM_CORE_FAULTS_H
#define HLA_SIM_CORE_FAULTS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define SIM_FAULT_MAX_RULES 32
#define SIM_FAULT_CMD_OPEN 0   /* WHAT = OPEN */
#define SIM_FAULT_CMD_CS_AT -1 /* reset/hang/hwerr @CS#N */

enum sim_fault_kind {
	SIM_FAULT_ERRNO = 'e',
	SIM_FAULT_RESET = 'r',
	SIM_FAULT_HANG = 'h',
	SIM_FAULT_HWERR = 'w',
};

struct sim_fault_rule {
	int cmd;          /* HLK_CMD_*, SIM_FAULT_CMD_OPEN or SIM_FAULT_CMD_CS_AT */
	int op;           /* -1: any op */
	unsigned int nth; /* fires on the nth matching call (>= 1) */
	int err;          /* errno to inject (SIM_FAULT_ERRNO) */
	char kind;        /* enum sim_fault_kind */
	unsigned int seen;
};

struct sim_faults {
	pthread_mutex_t lock; /* guards every counter below */
	struct sim_fault_rule rules[SIM_FAULT_MAX_RULES];
	int nrules;
	unsigned int eintr_every, ioctl_count, cs_count;
};

/*
 * Parse spec into f (which must be zeroed).  0 on success; -EINVAL with a
 * one-line explanation in msg otherwise.  Every item must be understood:
 * nothing is silently dropped.
 */
int sim_faults_parse(struct sim_faults *f, const char *spec, char *msg, size_t msglen);

/* errno value of a name such as "EACCES", or of a decimal number; -1 if unknown */
int sim_errno_from_name(const char *name);

/* errno to inject for this call of (cmd, op), or 0; counts under f->lock */
int sim_faults_check(struct sim_faults *f, int cmd, int op);

/* counts one CS submission; returns its 1-based number */
unsigned int sim_faults_cs_submitted(struct sim_faults *f);

/* does a kind ('r', 'h', 'w') rule fire for CS number n? */
bool sim_faults_cs_hit(struct sim_faults *f, char kind, unsigned int n);

#endif /* HLA_SIM_CORE_FAULTS_H */

/* SPDX-License-Identifier: MIT */
/*
 * Names of the habanalabs device nodes, shared by the library and the
 * simulator.  Private: never installed.
 *
 *   accel interface:  /dev/accel/accelN, /dev/accel/accel_controlDN,
 *                     attributes in /sys/class/accel/accelN/device
 *   legacy interface: /dev/hlN, /dev/hl_controlDN,
 *                     attributes in /sys/class/habanalabs/hlN
 */
#ifndef HLACCEL_KABI_NODES_H
#define HLACCEL_KABI_NODES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "hl_kabi.h"

#define HLK_NODE_MINOR_MAX 0xFFFFFu

struct hlk_node {
	uint32_t iface; /* HLK_IFACE_* */
	uint32_t minor; /* N */
	bool control;
};

/* Parse "<prefix><decimal N>" exactly; false if name is anything else. */
static inline bool hlk_parse_index(const char *name, const char *prefix,
				   uint32_t *minor)
{
	size_t len = strlen(prefix);
	uint32_t v = 0;
	const char *p;

	if (strncmp(name, prefix, len))
		return false;
	p = name + len;
	if (*p < '0' || *p > '9' || (*p == '0' && p[1]))
		return false;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10u + (uint32_t)(*p - '0');
		if (v > HLK_NODE_MINOR_MAX)
			return false;
	}
	*minor = v;
	return true;
}

/*
 * Parse a node name as the kernel spells it in DEVNAME (relative to /dev):
 * "accel/accel3", "accel/accel_controlD3", "hl3", "hl_controlD3".
 */
static inline bool hlk_node_parse(const char *devname, struct hlk_node *n)
{
	static const struct {
		const char *prefix;
		uint32_t iface;
		bool control;
	} forms[] = {
		{ "accel/accel_controlD", HLK_IFACE_ACCEL, true },
		{ "accel/accel", HLK_IFACE_ACCEL, false },
		{ "hl_controlD", HLK_IFACE_LEGACY, true },
		{ "hl", HLK_IFACE_LEGACY, false },
	};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (hlk_parse_index(devname, forms[i].prefix, &n->minor)) {
			n->iface = forms[i].iface;
			n->control = forms[i].control;
			return true;
		}
	}
	return false;
}

#endif /* HLACCEL_KABI_NODES_H */

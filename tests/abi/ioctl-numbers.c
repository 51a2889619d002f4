/* SPDX-License-Identifier: MIT */
/*
 * Every request code the library sends, recomputed from its parts
 * (direction, type, number, argument size) with this architecture's own
 * <asm/ioctl.h> encoding, decoded back, and mapped back to its command.
 */
#include <stdio.h>
#include <asm/ioctl.h>

#include "kabi/hl_kabi.h"

static unsigned int checks, failures;

static void expect(const char *what, unsigned long got, unsigned long want)
{
	checks++;
	if (got != want) {
		failures++;
		printf("mismatch: %s: 0x%lx, expected 0x%lx\n", what, got, want);
	}
}

static void one(uint32_t iface, unsigned int cmd)
{
	char what[64];
	unsigned long req = hlk_cmd_request(iface, cmd);
	unsigned int type = iface == HLK_IFACE_ACCEL ? 'd' : 'H';
	unsigned int nr = iface == HLK_IFACE_ACCEL ? 0x40 + cmd - 1 : cmd;
	unsigned int size = hlk_cmd_table[cmd].arg_size;

	snprintf(what, sizeof(what), "%s %s",
		 iface == HLK_IFACE_ACCEL ? "accel" : "legacy", hlk_cmd_table[cmd].name);
	expect(what, req, (unsigned long)_IOC(_IOC_READ | _IOC_WRITE, type, nr, size));
	expect(what, _IOC_DIR(req), _IOC_READ | _IOC_WRITE);
	expect(what, _IOC_TYPE(req), type);
	expect(what, _IOC_NR(req), nr);
	expect(what, _IOC_SIZE(req), size);
	expect(what, hlk_cmd_of_request(iface, req), cmd);
}

int main(void)
{
	static const unsigned int sizes[] = { 0, 24, 24, 48, 56, 40, 40 };

	for (unsigned int cmd = HLK_CMD_FIRST; cmd <= HLK_CMD_LAST; cmd++) {
		expect(hlk_cmd_table[cmd].name, hlk_cmd_table[cmd].arg_size, sizes[cmd]);
		one(HLK_IFACE_ACCEL, cmd);
		one(HLK_IFACE_LEGACY, cmd);
	}
	expect("drm version", HLK_DRM_IOCTL_VERSION,
	       (unsigned long)_IOC(_IOC_READ | _IOC_WRITE, 'd', 0, 64));
	/* a request of the other interface, or of another driver, is no command */
	expect("legacy INFO on accel",
	       hlk_cmd_of_request(HLK_IFACE_ACCEL, hlk_cmd_request(HLK_IFACE_LEGACY, 1)), 0);
	expect("accel nr past DEBUG", hlk_cmd_of_request(HLK_IFACE_ACCEL,
		_IOC(_IOC_READ | _IOC_WRITE, 'd', 0x46, 32)), 0);
	expect("legacy nr 7", hlk_cmd_of_request(HLK_IFACE_LEGACY,
		_IOC(_IOC_READ | _IOC_WRITE, 'H', 7, 32)), 0);
#if defined(__x86_64__)
	/* the numbers the driver documents, as x86-64 encodes them */
	expect("accel INFO on x86-64", hlk_cmd_request(HLK_IFACE_ACCEL, 1), 0xC0186440ul);
	expect("legacy CS on x86-64", hlk_cmd_request(HLK_IFACE_LEGACY, 3), 0xC0304803ul);
#endif
	printf("%u checks, %u mismatches\n", checks, failures);
	return failures ? 1 : 0;
}

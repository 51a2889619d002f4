/* SPDX-License-Identifier: MIT */
/*
 * Opening devices: device-name filters and counts, bus ids with and
 * without the PCI domain, control nodes, module ids, and hl-thunk's return
 * conventions for failures.
 */
#include "httest.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* hl-thunk's name of a device, written out here independently */
static int expected_name(uint32_t asic)
{
	switch (asic) {
	case HLA_ASIC_GOYA: return 0;
	case HLA_ASIC_GAUDI: case HLA_ASIC_GAUDI_SEC: return 2;
	case HLA_ASIC_GAUDI2: case HLA_ASIC_GAUDI2E: return 5;
	case HLA_ASIC_GAUDI3: return 7;
	case HLA_ASIC_GAUDI2B: return 8;
	case HLA_ASIC_GAUDI2C: return 10;
	case HLA_ASIC_GAUDI2D: return 11;
	default: return 3;
	}
}

static void names_and_counts(void)
{
	int name = expected_name(ht_env.desc[0].asic);
	int other = name == HLTHUNK_DEVICE_GOYA ? HLTHUNK_DEVICE_GAUDI3 : HLTHUNK_DEVICE_GOYA;
	int same = 0, fd;

	for (uint32_t i = 0; i < ht_env.ndev && i < 8; i++)
		same += expected_name(ht_env.desc[i].asic) == name;
	CHECK_EQ(hlthunk_get_device_count(HLTHUNK_DEVICE_DONT_CARE), ht_env.ndev);
	CHECK_EQ(hlthunk_get_device_count((enum hlthunk_device_name)name), same);
	CHECK_EQ(hlthunk_get_device_count((enum hlthunk_device_name)other), 0);
	errno = 0;
	CHECK_EQ(hlthunk_get_device_count(HLTHUNK_DEVICE_INVALID), -EINVAL);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(hlthunk_get_device_count(HLTHUNK_DEVICE_MAX), -EINVAL);

	fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_get_device_name_from_fd(fd), name);
	CHECK_EQ(hlthunk_get_device_id_from_fd(fd), ht_env.desc[0].pci_device_id);
	CHECK_EQ(hlthunk_close(fd), 0);

	fd = ht_open((enum hlthunk_device_name)name, NULL);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_close(fd), 0);
	errno = 0;
	CHECK_EQ(hlthunk_open((enum hlthunk_device_name)other, NULL), -ENOENT);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(hlthunk_open(HLTHUNK_DEVICE_INVALID, NULL), -EINVAL);
}

/* a busy device is passed over, as hl-thunk does: the second open of
 * "any device" lands on the next device */
static void busy_devices_are_skipped(void)
{
	int a = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL), b;
	char ba[16] = "", bb[16] = "";

	if (ht_env.ndev < 2 || !ht_env.sim) {
		hlthunk_close(a);
		return;
	}
	b = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	CHECK(a >= 0 && b >= 0);
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(a, ba, sizeof(ba)), 0);
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(b, bb, sizeof(bb)), 0);
	/* two different devices, whichever order (a device that is still
	 * resetting after an earlier test is passed over too) */
	CHECK(strcmp(ba, bb) != 0);
	CHECK(!strcmp(ba, ht_env.desc[0].pci_bus_id) || !strcmp(ba, ht_env.desc[1].pci_bus_id));
	CHECK(!strcmp(bb, ht_env.desc[0].pci_bus_id) || !strcmp(bb, ht_env.desc[1].pci_bus_id));
	CHECK_EQ(hlthunk_close(b), 0);
	CHECK_EQ(hlthunk_close(a), 0);
}

static void bus_ids(void)
{
	const struct hla_device_desc *d = &ht_env.desc[ht_env.ndev > 1 ? 1 : 0];
	const char *full = d->pci_bus_id, *shrt = strchr(full, ':') + 1;
	char buf[16];
	int fd;

	CHECK_EQ(strlen(full), 12);
	CHECK_EQ(hlthunk_get_device_index_from_pci_bus_id(full), d->minor);
	CHECK_EQ(hlthunk_get_device_index_from_pci_bus_id(shrt), d->minor);
	CHECK(hlthunk_get_device_index_from_pci_bus_id("ffff:fe:1f.7") < 0);
	CHECK(hlthunk_get_device_index_from_pci_bus_id("0:00.0") < 0);
	CHECK_EQ(hlthunk_get_device_index_from_pci_bus_id(NULL), -EINVAL);

	fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, full);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, buf, 13), 0);
	CHECK_EQ(strcmp(buf, full), 0);
	/* too small a buffer: cut, and still terminated */
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, buf, 5), 0);
	CHECK_EQ(strcmp(buf, "0000"), 0);
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, buf, 0), -EINVAL);
	CHECK_EQ(hlthunk_close(fd), 0);

	/* with a bus id the name does not matter, as in hl-thunk */
	fd = ht_open(HLTHUNK_DEVICE_GOYA, shrt);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, buf, 13), 0);
	CHECK_EQ(strcmp(buf, full), 0);
	CHECK_EQ(hlthunk_close(fd), 0);
	CHECK_EQ(hlthunk_open(HLTHUNK_DEVICE_DONT_CARE, "ffff:fe:1f.7"), -ENODEV);
	CHECK_EQ(hlthunk_open(HLTHUNK_DEVICE_DONT_CARE, ""), -EINVAL);
}

static void control_nodes(void)
{
	const struct hla_device_desc *d = &ht_env.desc[ht_env.ndev - 1];
	char buf[16];
	int fd, st;

	fd = hlthunk_open_control((int)d->minor, NULL);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(strcmp(buf, d->pci_bus_id), 0);
	/* a Gaudi2 closed a moment ago may still be in its release reset */
	st = hlthunk_get_device_status_info(fd);
	CHECK(st == HL_DEVICE_STATUS_OPERATIONAL ||
	      st == HL_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE);
	/* a control node answers INFO only */
	CHECK(hlthunk_request_command_buffer(fd, 4096, &(uint64_t){ 0 }) < 0);
	CHECK_EQ(hlthunk_close(fd), 0);

	fd = hlthunk_open_control(0, strchr(d->pci_bus_id, ':') + 1);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(strcmp(buf, d->pci_bus_id), 0);
	CHECK_EQ(hlthunk_close(fd), 0);

	fd = hlthunk_open_control_by_bus_id(d->pci_bus_id);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_close(fd), 0);
	fd = hlthunk_open_control_by_name(HLTHUNK_DEVICE_DONT_CARE, NULL);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_close(fd), 0);
	CHECK_EQ(hlthunk_open_control(-1, NULL), -EINVAL);
	CHECK_EQ(hlthunk_open_control(100000, NULL), -ENOENT);
}

static void module_ids(void)
{
	for (uint32_t i = 0; i < ht_env.ndev && i < 8; i++) {
		struct hlthunk_hw_ip_info hw;
		char buf[16];
		int c = ht_raw_open(i, true), fd;

		memset(&hw, 0, sizeof(hw));
		CHECK_EQ(hlthunk_get_hw_ip_info(c, &hw), 0);
		close(c);
		CHECK_EQ(hlthunk_get_device_index_from_module_id(hw.module_id),
			 ht_env.desc[i].minor);
		fd = hlthunk_open_by_module_id(hw.module_id);
		for (int t = 0; fd == -EAGAIN && t < 500; t++) {
			usleep(10000);
			fd = hlthunk_open_by_module_id(hw.module_id);
		}
		CHECK(fd >= 0);
		CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, buf, sizeof(buf)), 0);
		CHECK_EQ(strcmp(buf, ht_env.desc[i].pci_bus_id), 0);
		CHECK_EQ(hlthunk_close(fd), 0);
		fd = hlthunk_open_control_by_module_id(hw.module_id);
		CHECK(fd >= 0);
		CHECK_EQ(hlthunk_close(fd), 0);
	}
	CHECK_EQ(hlthunk_open_by_module_id(100000), -ENODEV);
	CHECK_EQ(hlthunk_get_device_index_from_module_id(100000), -ENODEV);
}

static void failure_conventions(void)
{
	int p[2];
	int fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	struct hlthunk_hw_ip_info hw;

	errno = 0;
	CHECK_EQ(hlthunk_device_memory_alloc(fd, 0, 0, false, false), 0);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(hlthunk_host_memory_map(fd, NULL, 0, 4096), 0);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(hlthunk_device_memory_map(-1, 1, 0), 0);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(hlthunk_close(fd), 0);

	errno = 0;
	CHECK_EQ(hlthunk_close(-1), -1); /* close(2)'s result */
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(hlthunk_get_hw_ip_info(-1, &hw), -EBADF);
	CHECK_EQ(hlthunk_get_hw_ip_info(fd, &hw), -EBADF); /* closed */
	CHECK_EQ(hlthunk_get_device_name_from_fd(-1), HLTHUNK_DEVICE_INVALID);
	CHECK_EQ(hlthunk_get_device_id_from_fd(-1), 0);
	CHECK(!hlthunk_is_device_idle(-1));
	CHECK(hlthunk_device_mapped_memory_export_dmabuf_fd(-1, 0, 4096, 0, 0) < 0);
	/* not a habanalabs fd */
	CHECK_EQ(pipe(p), 0);
	CHECK(hlthunk_get_hw_ip_info(p[0], &hw) < 0);
	CHECK_EQ(hlthunk_get_device_name_from_fd(p[0]), HLTHUNK_DEVICE_INVALID);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	ht_test_init("hlthunk-open");
	names_and_counts();
	busy_devices_are_skipped();
	bus_ids();
	control_nodes();
	module_ids();
	failure_conventions();
	return ht_test_done();
}

/* SPDX-License-Identifier: MIT */
/* Helpers shared by the library's source files. */
#include "hla_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int hla__ioctl(const struct hla_device *dev, unsigned int cmd, void *arg)
{
	int ret;

	if (cmd < HLK_CMD_FIRST || cmd > HLK_CMD_LAST)
		return -EINVAL;
	if (dev->control && cmd != HLK_CMD_INFO)
		return -ENOTTY;
	do {
		ret = hla__sys_ioctl(dev->fd, dev->req[cmd], arg);
	} while (ret == -1 && errno == EINTR);
	return ret == -1 ? -errno : 0;
}

int hla__read_file(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd, err;

	if (!size)
		return -EINVAL;
	fd = hla__sys_open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	/* sysfs attributes are small: one read is enough, loop for safety */
	while (len + 1 < size) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			hla__sys_close(fd);
			return err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	hla__sys_close(fd);
	buf[len] = '\0';
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return (int)len;
}

int hla__check_out(const void *s)
{
	if (!s)
		return -EINVAL;
	if (*(const size_t *)s < sizeof(size_t))
		return -EINVAL;
	return 0;
}

int hla__check_in(const void *s, size_t known_size)
{
	size_t sz;
	const unsigned char *p = s;

	if (!s)
		return -EINVAL;
	sz = *(const size_t *)s;
	if (sz < sizeof(size_t))
		return -EINVAL;
	for (size_t i = known_size; i < sz; i++)
		if (p[i])
			return -E2BIG;
	return 0;
}

void hla__copy_out(void *dst, const void *src, size_t known_size)
{
	size_t sz = *(const size_t *)dst;
	size_t n = sz < known_size ? sz : known_size;

	if (n > sizeof(size_t))
		memcpy((char *)dst + sizeof(size_t), (const char *)src + sizeof(size_t),
		       n - sizeof(size_t));
}

uint32_t hla__asic_from_pci(uint32_t device_id, uint32_t revision)
{
	switch (device_id) {
	case HLK_PCI_ID_GOYA:
		return HLA_ASIC_GOYA;
	case HLK_PCI_ID_GAUDI:
	case HLK_PCI_ID_GAUDI_HL2000M:
		return HLA_ASIC_GAUDI;
	case HLK_PCI_ID_GAUDI_SEC:
	case HLK_PCI_ID_GAUDI_HL2000M_SEC:
		return HLA_ASIC_GAUDI_SEC;
	case HLK_PCI_ID_GAUDI2:
	case HLK_PCI_ID_GAUDI2_HL288:
		/* the PCI revision tells the Gaudi2 variants apart */
		switch (revision) {
		case 2:
			return HLA_ASIC_GAUDI2B;
		case 3:
			return HLA_ASIC_GAUDI2C;
		case 4:
			return HLA_ASIC_GAUDI2D;
		default:
			return HLA_ASIC_GAUDI2;
		}
	case HLK_PCI_ID_GAUDI3:
	case HLK_PCI_ID_GAUDI3_HL338:
		return HLA_ASIC_GAUDI3;
	default:
		return HLA_ASIC_UNKNOWN;
	}
}

uint32_t hla__asic_from_type(const char *t)
{
	static const struct {
		const char *name;
		uint32_t asic;
	} map[] = {
		{ "GOYA", HLA_ASIC_GOYA },	   { "GAUDI", HLA_ASIC_GAUDI },
		{ "GAUDI SEC", HLA_ASIC_GAUDI_SEC }, { "GAUDI2", HLA_ASIC_GAUDI2 },
		{ "GAUDI2 SEC", HLA_ASIC_GAUDI2 },   { "GAUDI2B", HLA_ASIC_GAUDI2B },
		{ "GAUDI2C", HLA_ASIC_GAUDI2C },     { "GAUDI2D", HLA_ASIC_GAUDI2D },
		{ "GAUDI3", HLA_ASIC_GAUDI3 },
	};

	if (!t)
		return HLA_ASIC_UNKNOWN;
	for (size_t i = 0; i < HLA_ARRAY_SIZE(map); i++)
		if (!strcmp(t, map[i].name))
			return map[i].asic;
	return HLA_ASIC_UNKNOWN;
}

uint32_t hla__parse_kernel_version(const char *release)
{
	unsigned long v[3] = { 0, 0, 0 };
	const char *p = release;
	char *end;

	for (int i = 0; i < 3 && p && *p; i++) {
		v[i] = strtoul(p, &end, 10);
		if (end == p)
			break;
		p = *end == '.' ? end + 1 : NULL;
	}
	if (v[1] > 255)
		v[1] = 255;
	if (v[2] > 255)
		v[2] = 255;
	return HLA_KVER(v[0], v[1], v[2]);
}

bool hla__asic_is_gaudi1(uint32_t asic)
{
	return asic == HLA_ASIC_GAUDI || asic == HLA_ASIC_GAUDI_SEC;
}

bool hla__asic_is_gaudi2(uint32_t asic)
{
	return asic >= HLA_ASIC_GAUDI2 && asic <= HLA_ASIC_GAUDI2D;
}

bool hla__asic_has_dram_vm(uint32_t asic)
{
	return !hla__asic_is_gaudi1(asic) && asic != HLA_ASIC_UNKNOWN;
}

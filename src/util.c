/* SPDX-License-Identifier: MIT */
/* Helpers shared by the library's source files. */
#include "hla_internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* true if len bytes at p are all zero; reads a word at a time */
static bool all_zero(const unsigned char *p, size_t len)
{
	uint64_t acc = 0, w;

	for (; len >= sizeof(w); p += sizeof(w), len -= sizeof(w)) {
		memcpy(&w, p, sizeof(w));
		acc |= w;
	}
	while (len--)
		acc |= *p++;
	return !acc;
}

int hla__in_copy(void *tmp, const void *s, size_t known)
{
	uint32_t sz;

	if (!s)
		return -EINVAL;
	sz = hla__sz(s);
	if (sz < HLA_SZ_IN_MIN)
		return -EINVAL;
	if (sz > HLA_SZ_MAX)
		return -E2BIG;
	if (sz > known) {
		if (!all_zero((const unsigned char *)s + known, sz - known))
			return -E2BIG;
		sz = (uint32_t)known;
	}
	memset(tmp, 0, known);
	memcpy(tmp, s, sz);
	*(uint32_t *)tmp = (uint32_t)known;
	return 0;
}

void hla__out_copy(void *out, const void *o, size_t known)
{
	size_t n = hla__sz(out);

	/* sz itself stays as the caller set it */
	if (n > known)
		n = known;
	memcpy((char *)out + sizeof(uint32_t), (const char *)o + sizeof(uint32_t),
	       n - sizeof(uint32_t));
}

uint64_t hla__valid_trim(uint64_t valid, const struct hla_field_end *ends,
			 unsigned int n, uint32_t sz)
{
	for (unsigned int i = 0; i < n; i++)
		if (ends[i].end > sz)
			valid &= ~ends[i].bit;
	return valid;
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
	/*
	 * A sysfs attribute is produced whole by its first read, so a read
	 * that returns less than asked is the end: no second read to see EOF.
	 */
	while (len + 1 < size) {
		size_t want = size - 1 - len;

		n = read(fd, buf + len, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			hla__sys_close(fd);
			return err;
		}
		len += (size_t)n;
		if ((size_t)n < want)
			break;
	}
	hla__sys_close(fd);
	buf[len] = '\0';
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return (int)len;
}

int hla__path_join(char *buf, size_t size, const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);

	if (dl + nl + 2 > size)
		return -ENAMETOOLONG;
	memcpy(buf, dir, dl);
	buf[dl] = '/';
	memcpy(buf + dl + 1, name, nl + 1);
	return 0;
}

int hla__parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s || !*s || *s == '-' || *s == ' ')
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		return -EINVAL;
	return 0;
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
		case 5:
			return HLA_ASIC_GAUDI2E;
		default:
			return HLA_ASIC_GAUDI2;
		}
	case HLK_PCI_ID_GAUDI3:
	case HLK_PCI_ID_GAUDI3_HL338:
		/* Habana's driver: revision 4 is Gaudi3D, 5 Gaudi3E */
		return revision == 4 ? HLA_ASIC_GAUDI3D :
		       revision == 5 ? HLA_ASIC_GAUDI3E :
				       HLA_ASIC_GAUDI3;
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
		{ "GAUDI2E", HLA_ASIC_GAUDI2E },     { "GAUDI3", HLA_ASIC_GAUDI3 },
		/* Habana's driver: PCIe cards and the later Gaudi3 revisions */
		{ "GAUDI2 HL-288", HLA_ASIC_GAUDI2 }, { "GAUDI2D HL-288", HLA_ASIC_GAUDI2D },
		{ "GAUDI2E HL-288", HLA_ASIC_GAUDI2E }, { "GAUDI3D", HLA_ASIC_GAUDI3D },
		{ "GAUDI3E", HLA_ASIC_GAUDI3E },     { "GAUDI3 HL-338", HLA_ASIC_GAUDI3 },
		{ "GAUDI3D HL-338", HLA_ASIC_GAUDI3D }, { "GAUDI3E HL-338", HLA_ASIC_GAUDI3E },
		{ "GAUDI HL2000M", HLA_ASIC_GAUDI }, { "GAUDI HL2000M SEC", HLA_ASIC_GAUDI_SEC },
	};

	if (!t)
		return HLA_ASIC_UNKNOWN;
	for (size_t i = 0; i < HLA_ARRAY_SIZE(map); i++)
		if (!strcmp(t, map[i].name))
			return map[i].asic;
	return HLA_ASIC_UNKNOWN;
}

/* "6.8.0-31-generic" or "1.19.2-abc" -> HLA_VERSION_CODE; 0 if unparseable */
uint32_t hla__parse_version(const char *text)
{
	unsigned long v[3] = { 0, 0, 0 };
	const char *p = text;
	char *end;

	if (!p || *p < '0' || *p > '9')
		return 0;
	for (int i = 0; i < 3 && p && *p >= '0' && *p <= '9'; i++) {
		v[i] = strtoul(p, &end, 10);
		p = *end == '.' ? end + 1 : NULL;
	}
	if (v[0] > 0x7fff)
		return 0;
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
	return (asic >= HLA_ASIC_GAUDI2 && asic <= HLA_ASIC_GAUDI2D) ||
	       asic == HLA_ASIC_GAUDI2E;
}

bool hla__asic_is_gaudi3(uint32_t asic)
{
	return asic == HLA_ASIC_GAUDI3 || asic == HLA_ASIC_GAUDI3D ||
	       asic == HLA_ASIC_GAUDI3E;
}

bool hla__asic_has_dram_vm(uint32_t asic)
{
	return !hla__asic_is_gaudi1(asic) && asic != HLA_ASIC_UNKNOWN;
}

/* SPDX-License-Identifier: MIT */
/*
 * Sample: find habanalabs devices, open one through its control node and
 * ask the driver about it.
 *
 * The control node answers INFO queries only, but any number of programs
 * may open it, even while another program holds the device's compute node.
 *
 *     device-query [INDEX]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hlaccel/hlaccel.h>

/* print the device list; returns the number of devices or -errno */
static int list_devices(struct hla_devlist *list)
{
	uint32_t count, i;
	int rc = hla_devlist_count(list, &count);

	if (rc)
		return rc;
	printf("%u habanalabs device(s)\n", count);
	for (i = 0; i < count; i++) {
		HLA_STRUCT_INIT(hla_device_desc, d);

		rc = hla_devlist_describe(list, i, &d);
		if (rc) {
			fprintf(stderr, "hla_devlist_describe(%u): %s\n", i, strerror(-rc));
			continue;
		}
		/* valid says which fields the library could fill */
		printf("  %u: %s  %s  pci %s\n", d.index, d.node,
		       (d.valid & HLA_DESC_DEVICE_TYPE) ? d.device_type : "-",
		       (d.valid & HLA_DESC_PCI_BUS_ID) ? d.pci_bus_id : "-");
	}
	return (int)count;
}

int main(int argc, char **argv)
{
	/* Every struct with a size member is declared with HLA_STRUCT_INIT:
	 * zeroed, with .sz set, so old and new library versions agree. */
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	HLA_STRUCT_INIT(hla_dram_usage, usage);
	struct hla_devlist *list;
	struct hla_device *dev;
	uint32_t index = 0, cur_mhz, max_mhz;
	int rc, count;

	if (argc > 1)
		index = (uint32_t)strtoul(argv[1], NULL, 0);

	/* Enumeration reads sysfs only, in one pass, and never opens a
	 * device node; the list is a snapshot that indexes stay valid in. */
	rc = hla_devlist_create(0, &list);
	if (rc) {
		/* library calls return a negative errno value */
		fprintf(stderr, "hla_devlist_create: %s\n", strerror(-rc));
		return 1;
	}
	count = list_devices(list);
	if (count < 0 || index >= (uint32_t)count) {
		fprintf(stderr, "no device %u\n", index);
		hla_devlist_destroy(list);
		return 1;
	}

	/* HLA_OPEN_CONTROL: INFO only, never "busy". */
	rc = hla_devlist_open(list, index, HLA_OPEN_CONTROL, &dev);
	hla_devlist_destroy(list);
	if (rc) {
		fprintf(stderr, "hla_devlist_open: %s\n", strerror(-rc));
		return 1;
	}

	rc = hla_info_hw_ip(dev, &hw);
	if (rc) {
		fprintf(stderr, "hla_info_hw_ip: %s\n", strerror(-rc));
		hla_device_close(dev);
		return 1;
	}
	printf("device %u: card \"%s\", firmware \"%s\"\n", index, hw.card_name,
	       hw.cpucp_version);
	printf("  DRAM %" PRIu64 " MiB at 0x%" PRIx64 ", page %" PRIu64 " KiB\n",
	       hw.dram_size >> 20, hw.dram_base_address, hw.dram_page_size >> 10);
	printf("  SRAM %u KiB at 0x%" PRIx64 "\n", hw.sram_size >> 10,
	       hw.sram_base_address);

	/* Optional facts: a failure here is reported, not fatal. */
	rc = hla_info_dram_usage(dev, &usage);
	if (rc)
		printf("  DRAM usage: n/a (%s)\n", strerror(-rc));
	else if (usage.valid & HLA_DRAM_USAGE_DRAM_FREE_MEM)
		printf("  DRAM free: %" PRIu64 " MiB\n", usage.dram_free_mem >> 20);
	rc = hla_info_clk_rate(dev, &cur_mhz, &max_mhz);
	if (rc)
		printf("  clock: n/a (%s)\n", strerror(-rc));
	else
		printf("  clock: %u of %u MHz\n", cur_mhz, max_mhz);

	/* closing frees the handle and its fd */
	hla_device_close(dev);
	return 0;
}

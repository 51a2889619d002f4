/* SPDX-License-Identifier: MIT */
/*
 * INFO: one typed call per opcode.  After their 16-byte header the public
 * INFO structs have the driver's own layout (layout.h checks every field),
 * so the driver writes the caller's struct directly: one pass, no copy.
 */
#include "hla_internal.h"
#include "info_layout.h"
#include "valid.h"

#define HDR 16u

int hla__info(struct hla_device *dev, uint32_t op, void *k, uint32_t size,
	      uint32_t *word)
{
	struct hlk_info_args args;
	int ret;

	if (k)
		memset(k, 0, size);
	args.return_pointer = (uint64_t)(uintptr_t)k;
	args.return_size = size;
	args.op = op;
	args.dcore_id = word ? *word : 0;
	args.pad = 0;
	ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	if (word)
		*word = args.dcore_id;
	return ret;
}

int hla__info_check(const struct hla_device *dev, const void *out, size_t known)
{
	int ret = hla__out_check(out, known);

	return ret ? ret : dev ? 0 : -EINVAL;
}

/*
 * INFO op into out: a struct of known bytes whose body (after the header)
 * is ksize bytes of the driver's layout.  The driver writes no more than
 * the caller's struct holds, nor past what this library knows.  (The
 * caller's struct of this library's size takes the inline path in
 * hla_internal.h.)
 */
int hla__info_into_slow(struct hla_device *dev, uint32_t op, void *out,
			size_t known, uint32_t ksize, uint32_t *word)
{
	size_t n;
	int ret = hla__info_check(dev, out, known);

	if (ret)
		return ret;
	n = hla__sz(out);
	n = (n < known ? n : known) - HDR;
	if (n > ksize)
		n = ksize;
	/* a struct with no room past its header gets nothing, not an error */
	if (!n)
		return 0;
	ret = hla__info(dev, op, (char *)out + HDR, (uint32_t)n, word);
	if (ret)
		memset((char *)out + 8, 0, sizeof(uint64_t)); /* no stale valid bits */
	return ret;
}

/* set the header of a filled struct */
static inline void set_valid(void *out, uint64_t valid)
{
	struct {
		uint32_t sz;
		uint32_t reserved0;
		uint64_t valid;
	} *h = out;

	h->reserved0 = 0;
	h->valid = valid;
}

/* does the caller's struct hold field f? */
#define HAS(out, f) \
	(hla__sz(out) >= offsetof(__typeof__(*(out)), f) + sizeof((out)->f))

/* fields every kernel reports (the 256-byte form) */
#define HW_IP_BASE                                                              \
	(HLA_HW_IP_SRAM_BASE_ADDRESS | HLA_HW_IP_DRAM_BASE_ADDRESS |            \
	 HLA_HW_IP_DRAM_SIZE | HLA_HW_IP_DRAM_PAGE_SIZE |                       \
	 HLA_HW_IP_DEVICE_MEM_ALLOC_DEFAULT_PAGE_SIZE |                         \
	 HLA_HW_IP_TPC_ENABLED_MASK_EXT | HLA_HW_IP_ASIC | HLA_HW_IP_DEVICE_ID | \
	 HLA_HW_IP_SRAM_SIZE | HLA_HW_IP_NUM_OF_EVENTS | HLA_HW_IP_MODULE_ID |  \
	 HLA_HW_IP_DECODER_ENABLED_MASK | HLA_HW_IP_CPLD_VERSION |              \
	 HLA_HW_IP_PSOC_PCI_PLL | HLA_HW_IP_EDMA_ENABLED_MASK |                 \
	 HLA_HW_IP_FIRST_AVAILABLE_INTERRUPT_ID |                               \
	 HLA_HW_IP_NUMBER_OF_USER_INTERRUPTS | HLA_HW_IP_SERVER_TYPE |          \
	 HLA_HW_IP_TPC_ENABLED_MASK | HLA_HW_IP_DRAM_ENABLED |                  \
	 HLA_HW_IP_SECURITY_ENABLED | HLA_HW_IP_MME_MASTER_SLAVE_MODE |         \
	 HLA_HW_IP_CPUCP_VERSION | HLA_HW_IP_CARD_NAME)
/* fields of the 304-byte form */
#define HW_IP_EXT                                                               \
	(HLA_HW_IP_REVISION_ID | HLA_HW_IP_TPC_INTERRUPT_ID |                   \
	 HLA_HW_IP_ROTATOR_ENABLED_MASK |                                       \
	 HLA_HW_IP_ENGINE_CORE_INTERRUPT_REG_ADDR | HLA_HW_IP_RESERVED_DRAM_SIZE)
/* fields only Habana's driver fills (reserved words upstream) */
#define HW_IP_HABANA                                                            \
	(HLA_HW_IP_NIC_PORTS_MASK | HLA_HW_IP_NIC_PORTS_EXTERNAL_MASK |         \
	 HLA_HW_IP_PDMA_USER_OWNED_CH_MASK | HLA_HW_IP_MME_ENABLED_MASK |       \
	 HLA_HW_IP_SCHED_ARC_ENABLED_MASK | HLA_HW_IP_ODP_SUPPORTED |           \
	 HLA_HW_IP_INTERPOSER_VERSION | HLA_HW_IP_SUBSTRATE_VERSION)

static uint64_t hw_ip_valid(const struct hla_device *dev)
{
	uint64_t v = HW_IP_BASE;

	if (hla__caps(dev) & HLA_CAP_HW_IP_EXT)
		v |= HW_IP_EXT;
	if (hla__caps(dev) & HLA_CAP_HABANA_EXT)
		v |= HW_IP_HABANA;
	return v;
}

HLA_EXPORT int hla_info_hw_ip(struct hla_device *dev, struct hla_hw_ip_info *out)
{
	int ret = hla__info_into(dev, HLK_INFO_HW_IP_INFO, out, sizeof(*out),
				 sizeof(struct hlk_info_hw_ip_info), NULL);

	if (ret)
		return ret;
	if (HLA_LIKELY(hla__sz(out) == sizeof(*out))) {
		out->reserved0 = 0;
		out->valid = hw_ip_valid(dev);
		/* the kernel copies the firmware's strings as they are */
		out->cpucp_version[sizeof(out->cpucp_version) - 1] = '\0';
		out->card_name[sizeof(out->card_name) - 1] = '\0';
		out->asic = dev->asic;
		out->reserved1 = 0;
		return 0;
	}
	set_valid(out, HLA_VALID_TRIM(out, hw_ip_valid(dev), hw_ip_ends));
	if (HAS(out, cpucp_version))
		out->cpucp_version[sizeof(out->cpucp_version) - 1] = '\0';
	if (HAS(out, card_name))
		out->card_name[sizeof(out->card_name) - 1] = '\0';
	if (HAS(out, asic))
		out->asic = dev->asic; /* decided at open from the same reply */
	if (HAS(out, reserved1))
		out->reserved1 = 0;
	return 0;
}

static int hw_events(struct hla_device *dev, uint32_t op, uint32_t *counters,
		     uint32_t max, uint32_t *count)
{
	struct hlk_info_args args;
	uint32_t n;
	int ret;

	if (!dev || !count || (!counters && max))
		return -EINVAL;
	n = max < dev->num_of_events ? max : dev->num_of_events;
	if (n) {
		/* the kernel writes straight into the caller's array */
		memset(&args, 0, sizeof(args));
		args.op = op;
		args.return_pointer = (uint64_t)(uintptr_t)counters;
		args.return_size = n * (uint32_t)sizeof(uint32_t);
		ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
		if (ret)
			return ret;
	}
	*count = dev->num_of_events;
	return 0;
}

HLA_EXPORT int hla_info_hw_events(struct hla_device *dev, uint32_t *counters,
				  uint32_t max, uint32_t *count)
{
	return hw_events(dev, HLK_INFO_HW_EVENTS, counters, max, count);
}

HLA_EXPORT int hla_info_hw_events_aggregate(struct hla_device *dev,
					    uint32_t *counters, uint32_t max,
					    uint32_t *count)
{
	return hw_events(dev, HLK_INFO_HW_EVENTS_AGGREGATE, counters, max, count);
}

/* a typed INFO call whose struct is a header plus the driver's struct */
#define INFO_INTO(dev, op, out, kstruct, word) \
	hla__info_into(dev, op, out, sizeof(*(out)), sizeof(struct kstruct), word)

HLA_EXPORT int hla_info_dram_usage(struct hla_device *dev,
				   struct hla_dram_usage *out)
{
	int ret = INFO_INTO(dev, HLK_INFO_DRAM_USAGE, out, hlk_info_dram_usage, NULL);

	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_DRAM_USAGE_DRAM_FREE_MEM |
				       (dev->control ? 0 : HLA_DRAM_USAGE_CTX_DRAM_MEM), dram_usage_ends));
	return ret;
}

HLA_EXPORT int hla_info_hw_idle(struct hla_device *dev, struct hla_hw_idle *out)
{
	int ret = INFO_INTO(dev, HLK_INFO_HW_IDLE, out, hlk_info_hw_idle, NULL);

	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_HW_IDLE_IS_IDLE | HLA_HW_IDLE_BUSY_ENGINES_MASK |
				       HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT |
				       (hla__caps(dev) & HLA_CAP_HW_IDLE_EXT ?
						HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT_HI :
						0), hw_idle_ends));
	return ret;
}

HLA_EXPORT int hla_info_time_sync(struct hla_device *dev, struct hla_time_sync *out)
{
	int ret = INFO_INTO(dev, HLK_INFO_TIME_SYNC, out, hlk_info_time_sync, NULL);

	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_TIME_SYNC_DEVICE_TIME | HLA_TIME_SYNC_HOST_TIME |
				       (hla__caps(dev) & HLA_CAP_TIME_SYNC_TSC ?
						HLA_TIME_SYNC_TSC_TIME :
						0), time_sync_ends));
	return ret;
}

HLA_EXPORT int hla_info_cs_counters(struct hla_device *dev,
				    struct hla_cs_counters *out)
{
	int ret = INFO_INTO(dev, HLK_INFO_CS_COUNTERS, out, hlk_info_cs_counters, NULL);

	/* a control handle has no context: its ctx_* counters mean nothing */
	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_CS_COUNTERS_TOTAL |
				       (dev->control ? 0 : HLA_CS_COUNTERS_CTX), cs_counters_ends));
	return ret;
}

HLA_EXPORT int hla_info_pci_counters(struct hla_device *dev,
				     struct hla_pci_counters *out)
{
	int ret = INFO_INTO(dev, HLK_INFO_PCI_COUNTERS, out, hlk_info_pci_counters,
			    NULL);

	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_PCI_COUNTERS_RX_THROUGHPUT |
				       HLA_PCI_COUNTERS_TX_THROUGHPUT |
				       HLA_PCI_COUNTERS_REPLAY_CNT, pci_counters_ends));
	return ret;
}

HLA_EXPORT int hla_info_clk_throttle(struct hla_device *dev,
				     struct hla_clk_throttle *out)
{
	int ret = INFO_INTO(dev, HLK_INFO_CLK_THROTTLE_REASON, out,
			    hlk_info_clk_throttle, NULL);

	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_CLK_THROTTLE_VALID_REASON |
				       HLA_CLK_THROTTLE_VALID_TIMESTAMP |
				       HLA_CLK_THROTTLE_VALID_DURATION, clk_throttle_ends));
	return ret;
}

HLA_EXPORT int hla_info_sync_manager(struct hla_device *dev, uint32_t dcore_id,
				     struct hla_sync_manager *out)
{
	uint32_t word = dcore_id;
	int ret;

	if (dcore_id >= HLK_MAX_DCORES)
		return -EINVAL;
	ret = INFO_INTO(dev, HLK_INFO_SYNC_MANAGER, out, hlk_info_sync_manager, &word);
	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_SYNC_MANAGER_FIRST_SYNC_OBJECT |
				       HLA_SYNC_MANAGER_FIRST_MONITOR |
				       HLA_SYNC_MANAGER_FIRST_CQ, sync_manager_ends));
	return ret;
}

HLA_EXPORT int hla_info_open_stats(struct hla_device *dev,
				   struct hla_open_stats *out)
{
	int ret = INFO_INTO(dev, HLK_INFO_OPEN_STATS, out, hlk_open_stats_info, NULL);

	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_OPEN_STATS_OPEN_COUNTER |
				       HLA_OPEN_STATS_LAST_OPEN_PERIOD |
				       HLA_OPEN_STATS_COMPUTE_CTX_ACTIVE |
				       HLA_OPEN_STATS_COMPUTE_CTX_IN_RELEASE, open_stats_ends));
	return ret;
}

HLA_EXPORT int hla_info_dram_replaced_rows(struct hla_device *dev,
					   struct hla_dram_row *out)
{
	int ret = INFO_INTO(dev, HLK_INFO_DRAM_REPLACED_ROWS, out, hlk_hbm_row_info,
			    NULL);

	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_DRAM_ROW_LOCATION | HLA_DRAM_ROW_CAUSE, dram_row_ends));
	return ret;
}

HLA_EXPORT int hla_info_attestation(struct hla_device *dev, uint32_t nonce,
				    struct hla_attestation *out)
{
	uint32_t word = nonce;
	int ret = INFO_INTO(dev, HLK_INFO_SECURED_ATTESTATION, out,
			    hlk_info_sec_attest, &word);

	if (!ret)
		set_valid(out, HLA_VALID_TRIM(out, HLA_ATTEST_NONCE | HLA_ATTEST_PCR | HLA_ATTEST_QUOTE |
				       HLA_ATTEST_PUBLIC_DATA | HLA_ATTEST_CERTIFICATE, attestation_ends));
	return ret;
}

HLA_EXPORT int hla_info_dev_signed(struct hla_device *dev, uint32_t nonce,
				   struct hla_dev_signed *out)
{
	uint32_t word = nonce;
	int ret = hla__info_check(dev, out, sizeof(*out));

	if (!ret)
		ret = hla__cap_gate(dev, HLA_CAP_INFO_DEV_SIGNED);
	if (ret)
		return ret;
	ret = INFO_INTO(dev, HLK_INFO_DEV_SIGNED, out, hlk_info_signed, &word);
	ret = hla__cap_result(dev, HLA_CAP_INFO_DEV_SIGNED, ret);
	if (ret)
		return ret;
	/* the first kernels answer a shorter record without the device
	 * information, whose length then reads 0: not provided */
	set_valid(out, HLA_VALID_TRIM(out, HLA_ATTEST_NONCE | HLA_ATTEST_PUBLIC_DATA |
			       HLA_ATTEST_CERTIFICATE | HLA_ATTEST_INFO_SIG |
			       (HAS(out, dev_info_len) && out->dev_info_len ?
					HLA_ATTEST_DEV_INFO : 0), dev_signed_ends));
	return 0;
}

/* a request whose buffer carries input too: sent as it is, not zeroed */
static int info_raw_buf(struct hla_device *dev, uint32_t op, void *buf, uint32_t size)
{
	struct hlk_info_args args;

	memset(&args, 0, sizeof(args));
	args.op = op;
	args.return_pointer = (uint64_t)(uintptr_t)buf;
	args.return_size = size;
	return hla__ioctl(dev, HLK_CMD_INFO, &args);
}

/* fetch a small struct for a scalar result */
static int info_small(struct hla_device *dev, uint32_t op, void *k, uint32_t size)
{
	if (!dev)
		return -EINVAL;
	return hla__info(dev, op, k, size, NULL);
}

HLA_EXPORT int hla_info_device_status(struct hla_device *dev, uint32_t *status)
{
	struct hlk_info_device_status k;
	int ret;

	if (!status)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_DEVICE_STATUS, &k, sizeof(k));
	if (!ret)
		*status = k.status;
	return ret;
}

HLA_EXPORT int hla_info_utilization(struct hla_device *dev, uint32_t period_ms,
				    uint32_t *percent)
{
	struct hlk_info_device_utilization k;
	uint32_t word = period_ms;
	int ret;

	if (!dev || !percent)
		return -EINVAL;
	ret = hla__info(dev, HLK_INFO_DEVICE_UTILIZATION, &k, sizeof(k), &word);
	if (!ret)
		*percent = k.utilization;
	return ret;
}

HLA_EXPORT int hla_info_clk_rate(struct hla_device *dev, uint32_t *cur_mhz,
				 uint32_t *max_mhz)
{
	struct hlk_info_clk_rate k;
	int ret;

	if (!cur_mhz && !max_mhz)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_CLK_RATE, &k, sizeof(k));
	if (ret)
		return ret;
	if (cur_mhz)
		*cur_mhz = k.cur_clk_rate_mhz;
	if (max_mhz)
		*max_mhz = k.max_clk_rate_mhz;
	return 0;
}

HLA_EXPORT int hla_info_reset_count(struct hla_device *dev, uint32_t *hard_resets,
				    uint32_t *soft_resets)
{
	struct hlk_info_reset_count k;
	int ret;

	if (!hard_resets && !soft_resets)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_RESET_COUNT, &k, sizeof(k));
	if (ret)
		return ret;
	if (hard_resets)
		*hard_resets = k.hard_reset_cnt;
	if (soft_resets)
		*soft_resets = k.soft_reset_cnt;
	return 0;
}

HLA_EXPORT int hla_info_energy(struct hla_device *dev, uint64_t *total_energy)
{
	struct hlk_info_energy k;
	int ret;

	if (!total_energy)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_TOTAL_ENERGY, &k, sizeof(k));
	if (!ret)
		*total_energy = k.total_energy_consumption;
	return ret;
}

HLA_EXPORT int hla_info_pll_frequency(struct hla_device *dev, uint32_t pll_index,
				      uint16_t mhz[HLA_PLL_OUTPUTS])
{
	struct hlk_pll_frequency_info k;
	uint32_t word = pll_index;
	int ret;

	if (!dev || !mhz)
		return -EINVAL;
	ret = hla__info(dev, HLK_INFO_PLL_FREQUENCY, &k, sizeof(k), &word);
	if (ret)
		return ret;
	for (unsigned int i = 0; i < HLA_PLL_OUTPUTS; i++)
		mhz[i] = k.output[i];
	return 0;
}

HLA_EXPORT int hla_info_power(struct hla_device *dev, uint64_t *power_mw)
{
	struct hlk_power_info k;
	int ret;

	if (!power_mw)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_POWER, &k, sizeof(k));
	if (!ret)
		*power_mw = k.power;
	return ret;
}

HLA_EXPORT int hla_info_dram_pending_rows(struct hla_device *dev, uint32_t *count)
{
	uint32_t k;
	int ret;

	if (!count)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_DRAM_PENDING_ROWS, &k, sizeof(k));
	if (!ret)
		*count = k;
	return ret;
}

HLA_EXPORT int hla_info_last_err_open_dev_time(struct hla_device *dev,
					       int64_t *timestamp_ns)
{
	struct hlk_info_last_err_open_dev_time k;
	int ret;

	if (!timestamp_ns)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_LAST_ERR_OPEN_DEV_TIME, &k, sizeof(k));
	if (!ret)
		*timestamp_ns = k.timestamp;
	return ret;
}

HLA_EXPORT int hla_info_page_sizes(struct hla_device *dev,
				   uint64_t *page_order_bitmask)
{
	struct hlk_info_dev_memalloc_page_sizes k;
	int ret;

	if (!page_order_bitmask)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_DEV_MEM_ALLOC_PAGE_SIZES, &k, sizeof(k));
	if (!ret)
		*page_order_bitmask = k.page_order_bitmask;
	return ret;
}

HLA_EXPORT int hla_info_engine_status(struct hla_device *dev, char *buf, size_t size)
{
	uint32_t word = 0;
	int ret;

	if (!dev || !buf || size < HLK_ENGINES_DATA_MIN_SIZE)
		return -EINVAL;
	if (size > HLK_ENGINES_DATA_MAX_SIZE)
		size = HLK_ENGINES_DATA_MAX_SIZE;
	ret = hla__info(dev, HLK_INFO_ENGINE_STATUS, buf, (uint32_t)size, &word);
	if (ret == -ENOMEM)
		return -ENOSPC;
	if (ret)
		return ret;
	/* word = text length; the kernel does not terminate the text */
	if (word >= size)
		return -ENOSPC;
	buf[word] = '\0';
	return (int)word;
}

_Static_assert(sizeof(struct hla_user_mapping) == sizeof(struct hlk_user_mapping),
	       "user mapping layout");

HLA_EXPORT int hla_info_user_mappings(struct hla_device *dev,
				      struct hla_user_mapping *maps, uint32_t max,
				      uint32_t *count)
{
	struct hlk_user_mapping one;
	struct hlk_info_args args;
	int ret;

	if (!dev || !count || (!maps && max) || max > UINT32_MAX / sizeof(one))
		return -EINVAL;
	ret = hla__cap_gate(dev, HLA_CAP_INFO_PAGE_FAULT);
	if (ret)
		return ret;
	memset(&args, 0, sizeof(args));
	args.op = HLK_INFO_USER_MAPPINGS;
	/* the kernel wants a buffer even when the caller asks for the count */
	args.return_pointer = (uint64_t)(uintptr_t)(max ? (void *)maps : &one);
	args.return_size = max ? max * (uint32_t)sizeof(one) : sizeof(one);
	ret = hla__cap_result(dev, HLA_CAP_INFO_PAGE_FAULT,
			      hla__ioctl(dev, HLK_CMD_INFO, &args));
	if (ret && ret != -ENOMEM)
		return ret;
	*count = args.array_size;
	return ret || args.array_size > max ? -ENOSPC : 0;
}

HLA_EXPORT int hla_info_fw_generic_req(struct hla_device *dev, uint32_t sub_opcode,
				       void *buf, size_t size)
{
	struct hlk_info_args args;
	int ret;

	if (!dev || !buf || !size || size > HLK_FW_GENERIC_REQ_MAX_SIZE)
		return -EINVAL;
	ret = hla__cap_gate(dev, HLA_CAP_INFO_FW_REQ);
	if (ret)
		return ret;
	memset(&args, 0, sizeof(args));
	args.op = HLK_INFO_FW_GENERIC_REQ;
	args.return_pointer = (uint64_t)(uintptr_t)buf;
	args.return_size = (uint32_t)size;
	args.fw_sub_opcode = sub_opcode;
	ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	/* a sub-opcode the firmware lacks is also -EINVAL: it confirms
	 * nothing either way, so only success settles the request */
	return sub_opcode ? ret : hla__cap_result(dev, HLA_CAP_INFO_FW_REQ, ret);
}

HLA_EXPORT int hla_info_raw(struct hla_device *dev, uint32_t op, uint32_t in,
			    void *buf, size_t size, uint32_t *out)
{
	struct hlk_info_args args;
	int ret;

	if (!dev || (!buf && size) || size > UINT32_MAX)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.op = op;
	args.return_pointer = (uint64_t)(uintptr_t)buf;
	args.return_size = (uint32_t)size;
	args.dcore_id = in;
	ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	if (out)
		*out = args.dcore_id;
	return ret;
}

HLA_EXPORT int hla_info_time_sync_die(struct hla_device *dev, uint32_t die,
				      struct hla_time_sync *out)
{
	struct hlk_info_time_sync_per_die k;
	struct hla_time_sync tmp, *o;
	int ret = hla__info_check(dev, out, sizeof(*out));

	if (!ret)
		ret = hla__cap_gate(dev, HLA_CAP_INFO_HABANA);
	if (ret)
		return ret;
	/* the driver reads the die from the buffer it then fills */
	memset(&k, 0, sizeof(k));
	k.die_index = die;
	ret = info_raw_buf(dev, HLK_INFO_TIME_SYNC_PER_DIE, &k, sizeof(k));
	/* die 0 always exists: -EINVAL there means an unknown request */
	if (!die)
		ret = hla__cap_result(dev, HLA_CAP_INFO_HABANA, ret);
	if (ret)
		return ret;
	o = HLA_OUT_TARGET(out, &tmp);
	o->reserved0 = 0;
	o->valid = HLA_TIME_SYNC_DEVICE_TIME | HLA_TIME_SYNC_HOST_TIME |
		   HLA_TIME_SYNC_TSC_TIME;
	o->device_time = k.device_time;
	o->host_time = k.host_time;
	o->tsc_time = k.tsc_time;
	if (o != out)
		o->valid = hla__valid_trim(o->valid, time_sync_ends,
					   HLA_ARRAY_SIZE(time_sync_ends), hla__sz(out));
	hla__out_finish(out, o, sizeof(*o));
	return 0;
}

HLA_EXPORT int hla_info_report_memory(struct hla_device *dev, uint64_t used_bytes,
				      uint64_t timestamp_sec)
{
	struct hlk_info_memory_consumption k = { used_bytes, timestamp_sec };

	if (!dev)
		return -EINVAL;
	/* not settled by -EINVAL: the driver also gives it for more memory
	 * than the device has handed out */
	if (hla__cap_gate(dev, HLA_CAP_INFO_HABANA))
		return -EOPNOTSUPP;
	return info_raw_buf(dev, HLK_INFO_MEMORY_CONSUMPTION, &k, sizeof(k));
}

HLA_EXPORT int hla_info_link_state(struct hla_device *dev, uint32_t port,
				   struct hla_link_state *out)
{
	uint32_t word = port;
	int ret = hla__info_check(dev, out, sizeof(*out));

	/* not settled by -EINVAL: the driver also gives it for a port the
	 * device lacks */
	if (!ret)
		ret = hla__cap_gate(dev, HLA_CAP_INFO_HABANA);
	if (!ret)
		ret = INFO_INTO(dev, HLK_INFO_HABANA_LINK_STATE, out,
				hlk_info_habana_link_state, &word);
	if (ret)
		return ret;
	set_valid(out, HLA_VALID_TRIM(out, HLA_LINK_STATE_UP | HLA_LINK_STATE_PORT_OPEN |
				       HLA_LINK_STATE_QUALITY, link_state_ends));
	if (HAS(out, reserved1))
		memset(out->reserved1, 0, sizeof(out->reserved1));
	return 0;
}

HLA_EXPORT int hla_info_drm_accel_enabled(struct hla_device *dev, uint32_t *enabled)
{
	uint64_t word = 0; /* the driver answers a 64-bit 0 or 1 */
	int ret;

	if (!enabled)
		return -EINVAL;
	*enabled = 0;
	if (!dev)
		return -EINVAL;
	ret = hla__cap_gate(dev, HLA_CAP_INFO_HABANA);
	if (ret)
		return ret;
	/* the driver refuses only a missing or short buffer: -EINVAL to this
	 * request means a driver without it */
	ret = info_raw_buf(dev, HLK_INFO_CONFIG_DRM_ACCEL_ENABLED, &word, sizeof(word));
	ret = hla__cap_result(dev, HLA_CAP_INFO_HABANA, ret);
	if (!ret)
		*enabled = word ? 1 : 0;
	return ret;
}

HLA_EXPORT int hla_info_module_params(struct hla_device *dev,
				      struct hla_module_params *out)
{
	int ret = hla__info_check(dev, out, sizeof(*out));

	if (!ret)
		ret = hla__cap_gate(dev, HLA_CAP_INFO_HABANA);
	/* as above: only a missing buffer gives -EINVAL.  A release whose
	 * struct is shorter leaves the fields it lacks 0 */
	if (!ret)
		ret = hla__cap_result(dev, HLA_CAP_INFO_HABANA,
				      INFO_INTO(dev, HLK_INFO_MODULE_PARAMS, out,
						hlk_info_module_params, NULL));
	if (ret)
		return ret;
	set_valid(out, HLA_VALID_TRIM(out, HLA_MODULE_PARAMS_ALL, module_params_ends));
	if (HAS(out, reserved1))
		out->reserved1 = 0;
	return 0;
}

HLA_EXPORT int hla_info_link_counters(struct hla_device *dev, uint32_t port,
				      char (*names)[HLA_LINK_COUNTER_NAME_LEN],
				      uint64_t *values, uint32_t *count)
{
	struct hlk_info_habana_link_counters k;
	struct hlk_info_args args;
	int ret;

	_Static_assert(HLA_LINK_COUNTERS_MAX == HLK_HABANA_LINK_CNT_MAX_NUM &&
			       HLA_LINK_COUNTER_NAME_LEN == HLK_HABANA_LINK_STR_LEN,
		       "link counter arrays");
	if (!count)
		return -EINVAL;
	*count = 0;
	if (!dev || !names || !values)
		return -EINVAL;
	/* not settled by -EINVAL: the driver also gives it for a port the
	 * device lacks */
	ret = hla__cap_gate(dev, HLA_CAP_INFO_HABANA);
	if (ret)
		return ret;
	/* the driver reads the two array addresses from the block it then
	 * fills with the count; the arrays are sized by the caller for the
	 * most counters a port has */
	memset(&k, 0, sizeof(k));
	k.str_buf_ptr = (uint64_t)(uintptr_t)names;
	k.val_buf_ptr = (uint64_t)(uintptr_t)values;
	memset(&args, 0, sizeof(args));
	args.op = HLK_INFO_HABANA_LINK_COUNTERS;
	args.return_pointer = (uint64_t)(uintptr_t)&k;
	args.return_size = sizeof(k);
	args.dcore_id = port; /* (Habana: habana_link_id) */
	ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	if (!ret)
		*count = k.num_of_stat < HLA_LINK_COUNTERS_MAX ? k.num_of_stat :
								 HLA_LINK_COUNTERS_MAX;
	return ret;
}

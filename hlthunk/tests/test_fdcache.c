/* SPDX-License-Identifier: MIT */
/*
 * Any fd works, and the table of borrowed handles follows the fds: fds
 * from open(2) and dup(2), a number closed behind the library's back and
 * reused for another device or another file, hlthunk_close, and threads
 * using and replacing entries at the same time.
 */
#include "httest.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static void bus_of(int fd, char *buf)
{
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, buf, 16), 0);
}

/* a framework's fd, then its number reused for the other device */
static void foreign_fds(void)
{
	struct hlthunk_hw_ip_info hw;
	char bus[16];
	int fd = ht_raw_open(0, false), fd2, d;

	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_get_hw_ip_info(fd, &hw), 0);
	bus_of(fd, bus);
	CHECK_EQ(strcmp(bus, ht_env.desc[0].pci_bus_id), 0);
	d = dup(fd);
	CHECK_EQ(hlthunk_get_hw_ip_info(d, &hw), 0);
	close(d);
	close(fd); /* behind the library's back */
	CHECK_EQ(hlthunk_get_hw_ip_info(fd, &hw), -EBADF);
	CHECK_EQ(hlthunk_get_device_name_from_fd(fd), HLTHUNK_DEVICE_INVALID);
	if (ht_env.ndev < 2)
		return;
	fd2 = ht_raw_open(1, false);
	CHECK_EQ(fd2, fd); /* the lowest free number again */
	bus_of(fd2, bus);
	CHECK_EQ(strcmp(bus, ht_env.desc[1].pci_bus_id), 0);
	CHECK_EQ(hlthunk_get_hw_ip_info(fd2, &hw), 0);
	close(fd2);
}

/* UCX's discovery: control nodes opened, queried and closed in turn */
static void reuse_for_other_device(void)
{
	char bus[16];

	for (uint32_t i = 0; i < ht_env.ndev && i < 8; i++) {
		int fd = ht_raw_open(i, true);
		struct hlthunk_hw_ip_info hw;

		CHECK(fd >= 0);
		/* a plain call first: the entry is made by it */
		CHECK_EQ(hlthunk_get_hw_ip_info(fd, &hw), 0);
		bus_of(fd, bus);
		CHECK_EQ(strcmp(bus, ht_env.desc[i].pci_bus_id), 0);
		close(fd);
	}
}

/* the number reused for a file that is no device at all */
static void reuse_for_other_file(void)
{
	struct hlthunk_hw_ip_info hw;
	int fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL), p[2];

	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_get_hw_ip_info(fd, &hw), 0);
	close(fd);
	CHECK_EQ(pipe(p), 0);
	CHECK(p[0] == fd || p[1] == fd);
	CHECK(hlthunk_get_hw_ip_info(fd, &hw) < 0);
	CHECK_EQ(hlthunk_get_device_id_from_fd(fd), 0);
	close(p[0]);
	close(p[1]);

	/* hlthunk_close forgets the entry before the number is reused */
	fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	CHECK_EQ(hlthunk_get_hw_ip_info(fd, &hw), 0);
	CHECK_EQ(hlthunk_close(fd), 0);
	CHECK_EQ(pipe(p), 0);
	CHECK(hlthunk_get_hw_ip_info(fd, &hw) < 0);
	close(p[0]);
	close(p[1]);
}

/*
 * Entries replaced while threads are inside calls on them.  The threads
 * hold a read lock around each call and the number is closed and reopened
 * (for the other device) under the write lock, so no call ever sees a
 * closed fd; the replacement itself (the bus-id query that finds the new
 * file) runs while the threads are in their calls, on the old entry.
 */
struct hammer {
	int fd;
	pthread_rwlock_t lock;
	atomic_int stop;
	atomic_int calls, errors, last;
};

static void *hammer_info(void *arg)
{
	struct hammer *h = arg;

	while (!atomic_load(&h->stop)) {
		uint32_t cur, max;
		uint64_t va;
		int ret;

		pthread_rwlock_rdlock(&h->lock);
		errno = 0;
		/* refused by hlaccel before any ioctl: the call only holds
		 * the entry, however long the replacement takes */
		va = hlthunk_host_memory_map(h->fd, NULL, 0, 4096);
		ret = va == 0 && errno == EINVAL ? 0 : -1;
		if (!ret)
			ret = hlthunk_get_clk_rate(h->fd, &cur, &max);
		pthread_rwlock_unlock(&h->lock);
		atomic_fetch_add(&h->calls, 1);
		if (ret) {
			atomic_fetch_add(&h->errors, 1);
			atomic_store(&h->last, ret);
		}
	}
	return NULL;
}

/* every device out of the reset a compute close starts (a Gaudi2 on 6.6
 * and later): INFO on a device in it is refused with EBUSY */
static void settle(void)
{
	for (uint32_t dev = 0; dev < ht_env.ndev; dev++) {
		int fd = ht_raw_open(dev, true);

		CHECK(fd >= 0);
		for (int i = 0; i < 200 && hlthunk_get_device_status_info(fd) ==
						   HL_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE;
		     i++)
			usleep(10000);
		close(fd);
	}
}

static void threads(void)
{
	struct hammer h = { .fd = ht_raw_open(0, true) };
	pthread_rwlockattr_t attr;
	pthread_t t[4];
	char bus[16];

	CHECK(h.fd >= 0);
	settle();

	/* writer-preferring: the readers never stop */
	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&h.lock, &attr);
	pthread_rwlockattr_destroy(&attr);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, hammer_info, &h), 0);
	for (int round = 0; round < 300; round++) {
		uint32_t dev = (uint32_t)(round + 1) % ht_env.ndev;
		int fd;

		pthread_rwlock_wrlock(&h.lock);
		close(h.fd);
		fd = ht_raw_open(dev, true);
		pthread_rwlock_unlock(&h.lock);
		CHECK_EQ(fd, h.fd);
		bus_of(fd, bus);
		CHECK_EQ(strcmp(bus, ht_env.desc[dev].pci_bus_id), 0);
	}
	atomic_store(&h.stop, 1);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	CHECK(atomic_load(&h.calls) > 0);
	CHECK_EQ(atomic_load(&h.errors), 0);
	CHECK_EQ(atomic_load(&h.last), 0);
	pthread_rwlock_destroy(&h.lock);
	close(h.fd);
}

int main(void)
{
	ht_test_init("hlthunk-fdcache");
	foreign_fds();
	reuse_for_other_device();
	reuse_for_other_file();
	threads();
	return ht_test_done();
}

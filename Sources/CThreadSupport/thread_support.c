// sched_getcpu and the CPU_* macros are GNU extensions that Swift's Glibc module does not import.
#define _GNU_SOURCE
#include "thread_support.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

_Static_assert(sizeof(inspekt_cpu_mask) >= sizeof(cpu_set_t), "inspekt_cpu_mask holds a cpu_set_t");

int inspekt_thread_id(void) {
#ifdef __linux__
    return (int)gettid();
#else
    return -1;
#endif
}

int inspekt_current_cpu(void) {
#ifdef __linux__
    return sched_getcpu();
#else
    return -1;
#endif
}

int inspekt_thread_cpus(inspekt_cpu_mask *mask) { return inspekt_cpus_of_thread(0, mask); }

int inspekt_keep_thread_on(int cpu) {
#ifdef __linux__
    if (cpu < 0 || cpu >= CPU_SETSIZE) {
        errno = EINVAL;
        return -1;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set);
#else
    (void)cpu;
    errno = ENOSYS;
    return -1;
#endif
}

int inspekt_set_thread_cpus(const inspekt_cpu_mask *mask) { return inspekt_set_cpus_of_thread(0, mask); }

int inspekt_cpus_of_thread(int tid, inspekt_cpu_mask *mask) {
    memset(mask, 0, sizeof *mask);
#ifdef __linux__
    return sched_getaffinity((pid_t)tid, sizeof(cpu_set_t), (cpu_set_t *)mask->bits);
#else
    (void)tid;
    errno = ENOSYS;
    return -1;
#endif
}

int inspekt_set_cpus_of_thread(int tid, const inspekt_cpu_mask *mask) {
#ifdef __linux__
    return sched_setaffinity((pid_t)tid, sizeof(cpu_set_t), (const cpu_set_t *)mask->bits);
#else
    (void)tid;
    (void)mask;
    errno = ENOSYS;
    return -1;
#endif
}

int inspekt_cpu_count(const inspekt_cpu_mask *mask) {
#ifdef __linux__
    return CPU_COUNT((const cpu_set_t *)mask->bits);
#else
    (void)mask;
    return 0;
#endif
}

int inspekt_cpu_is_set(const inspekt_cpu_mask *mask, int cpu) {
#ifdef __linux__
    return cpu >= 0 && cpu < CPU_SETSIZE && CPU_ISSET(cpu, (const cpu_set_t *)mask->bits);
#else
    (void)mask;
    (void)cpu;
    return 0;
#endif
}

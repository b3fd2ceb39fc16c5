#ifndef INSPEKT_THREAD_SUPPORT_H
#define INSPEKT_THREAD_SUPPORT_H

/// The CPUs a thread may run on, as the kernel keeps them (opaque to Swift).
typedef struct {
    unsigned long bits[16];
} inspekt_cpu_mask;

/// The calling thread's id (its entry under /proc/self/task), or -1 where there is none.
int inspekt_thread_id(void);

/// The CPU the calling thread runs on now, or -1 where that cannot be told.
int inspekt_current_cpu(void);

/// The CPUs the calling thread may run on, into `mask`. Returns 0, or -1 with errno set.
int inspekt_thread_cpus(inspekt_cpu_mask *mask);

/// Keeps the calling thread on `cpu` alone. Returns 0, or -1 with errno set (the thread is left as it was).
int inspekt_keep_thread_on(int cpu);

/// Lets the calling thread run on the CPUs of `mask` again. Returns 0, or -1 with errno set.
int inspekt_set_thread_cpus(const inspekt_cpu_mask *mask);

/// The CPUs thread `tid` of this process may run on, into `mask`. Returns 0, or -1 with errno set.
int inspekt_cpus_of_thread(int tid, inspekt_cpu_mask *mask);

/// Lets thread `tid` of this process run on the CPUs of `mask`. Returns 0, or -1 with errno set.
int inspekt_set_cpus_of_thread(int tid, const inspekt_cpu_mask *mask);

/// How many CPUs `mask` holds.
int inspekt_cpu_count(const inspekt_cpu_mask *mask);

/// Whether `mask` holds `cpu`.
int inspekt_cpu_is_set(const inspekt_cpu_mask *mask, int cpu);

#endif

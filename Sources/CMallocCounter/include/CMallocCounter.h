#ifndef RUNWAY_MALLOC_COUNTER_H
#define RUNWAY_MALLOC_COUNTER_H

/// Heap allocations made by this process so far (malloc, calloc, realloc of nothing,
/// aligned allocations), counted by the allocator functions this module defines in front of
/// glibc's. Linked into runway-bench only (docs/benchmarks.md, "Allocations").
unsigned long long runway_allocations(void);

#endif

#ifndef LAUREL_CLINUX_SHIM_H
#define LAUREL_CLINUX_SHIM_H
// Linux interfaces the Glibc module does not import: epoll, eventfd, accept4.
#include <sys/epoll.h>
#include <sys/eventfd.h>

// glibc declares accept4 only under _GNU_SOURCE, which would change every socket declaration and
// clash with the Glibc module (which owns <sys/socket.h>); this prototype is the same function,
// taking `struct sockaddr *` and `socklen_t *` as untyped pointers.
extern int accept4(int fd, void *address, void *address_length, int flags);
#endif

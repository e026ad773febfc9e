/**
 * Finding, loading and binding the system's shared libraries (OpenSSL's MD4 for {@code rsync}; libdeflate and ISA-L
 * for {@code crypto}; the C library's file calls for {@code archive}) through Java 17's incubating foreign-function
 * API. The bottom of the dependency graph; every binding is optional and its caller falls back to Java code.
 */
package camelback.ffi;
